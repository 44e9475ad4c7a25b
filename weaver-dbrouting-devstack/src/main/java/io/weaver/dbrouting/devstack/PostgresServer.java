package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One PostgreSQL cluster in {@code <dir>/data}, listening on 127.0.0.1 only, user {@value PoolerStack#USER} (a
 * superuser) with {@link PoolerStack#PASSWORD} over SCRAM-SHA-256 on TCP, database {@value PoolerStack#DATABASE}.
 * Its log is {@code <dir>/postgres.log}.
 */
final class PostgresServer {

  private static final int PG_CTL_WAIT_SECONDS = 30;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final ServiceUser serviceUser;
  private final Path pgBin;
  private final Path dir;
  private final Path dataDir;
  private final Path log;
  private final int port;
  private boolean started;
  private String version = "";

  PostgresServer(ServiceUser serviceUser, Path pgBin, Path dir, int port) {
    this.serviceUser = serviceUser;
    this.pgBin = pgBin;
    this.dir = dir;
    this.dataDir = dir.resolve("data");
    this.log = dir.resolve("postgres.log");
    this.port = port;
  }

  /** pg_ctl as the service user would run it, without arguments: what a watchdog needs to stop this server. */
  List<String> pgCtl() {
    return serviceUser.command(List.of(pgBin.resolve("pg_ctl").toString()));
  }

  /** Writes the password file initdb reads; call before the directory is handed to the service user. */
  void preparePasswordFile() throws IOException {
    Files.writeString(passwordFile(), PoolerStack.PASSWORD + "\n", UTF_8);
  }

  /**
   * Runs initdb, starts the server with {@code settings} (server setting to value, added to the stack's own) and
   * creates the database.
   */
  void initAndStart(Map<String, String> settings) throws Exception {
    serviceUser.run(dir, "initdb", List.of(pgBin.resolve("initdb").toString(),
        "-D", dataDir.toString(),
        "-U", PoolerStack.USER,
        "--pwfile=" + passwordFile(),
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E", "UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions"));
    Files.deleteIfExists(passwordFile());

    Map<String, String> options = new LinkedHashMap<>();
    options.put("port", Integer.toString(port));
    options.put("listen_addresses", Ports.HOST);
    options.put("unix_socket_directories", dir.toString());
    options.put("max_connections", "200");
    options.put("fsync", "off");
    options.put("synchronous_commit", "off");
    options.put("full_page_writes", "off");
    options.putAll(settings);
    List<String> serverOptions = new ArrayList<>();
    options.forEach((name, value) -> serverOptions.add("-c " + name + "=" + shellQuote(value)));
    started = true; // from here on, stop() tries pg_ctl stop
    serviceUser.run(dir, "pg_ctl-start", List.of(pgBin.resolve("pg_ctl").toString(),
        "-D", dataDir.toString(),
        "-l", log.toString(),
        "-o", String.join(" ", serverOptions),
        "-t", Integer.toString(PG_CTL_WAIT_SECONDS),
        "-w", "start"));

    try (Connection c = login("postgres", new Properties()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + PoolerStack.DATABASE);
      version = c.getMetaData().getDatabaseProductVersion().split(" ", 2)[0];
    }
  }

  /**
   * {@code pg_ctl restart -m fast} (same port, same settings: pg_ctl keeps the command line), then waits until the
   * server accepts a login.
   */
  void restart() throws Exception {
    serviceUser.run(dir, "pg_ctl-restart", List.of(pgBin.resolve("pg_ctl").toString(),
        "-D", dataDir.toString(),
        "-l", log.toString(),
        "-m", "fast",
        "-t", Integer.toString(PG_CTL_WAIT_SECONDS),
        "-w", "restart"));
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        login(PoolerStack.DATABASE, new Properties()).close();
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("PostgreSQL did not accept a login on port " + port + " within "
              + READY_TIMEOUT.toSeconds() + " s of its restart", e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** {@code pg_ctl stop -m fast} when it was started and still runs; failures are printed, not thrown. */
  void stop() {
    boolean running = started && Files.exists(dataDir.resolve("postmaster.pid"));
    started = false;
    if (!running) {
      return;
    }
    try {
      serviceUser.run(dir, "pg_ctl-stop", List.of(pgBin.resolve("pg_ctl").toString(),
          "-D", dataDir.toString(), "-m", "fast",
          "-t", Integer.toString(PG_CTL_WAIT_SECONDS), "-w", "stop"));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      System.err.println("PoolerStack: could not stop PostgreSQL in " + dataDir + ": " + e);
    }
  }

  /** A pgjdbc connection to {@code database} as {@value PoolerStack#USER}; {@code extra} wins over the defaults. */
  Connection login(String database, Properties extra) throws SQLException {
    Properties props = new Properties();
    props.setProperty("connectTimeout", "10");
    props.putAll(extra);
    return DriverManager.getConnection(ClientLogin.jdbcUrl(port, database),
        ClientLogin.credentials(props));
  }

  int port() {
    return port;
  }

  /** The server's version as it reports it, e.g. "15.14"; empty before the start. */
  String version() {
    return version;
  }

  Path log() {
    return log;
  }

  /** The outputs of initdb and pg_ctl and the server log, for the message of a failed start. */
  void appendStartupLogs(StringBuilder out) {
    LogFiles.appendTailIfPresent(out, "initdb", dir.resolve("initdb.out"), 10);
    LogFiles.appendTailIfPresent(out, "pg_ctl start", dir.resolve("pg_ctl-start.out"), 10);
    LogFiles.appendTailIfPresent(out, "postgres", log, 30);
  }

  private Path passwordFile() {
    return dir.resolve("pwfile");
  }

  /** pg_ctl hands -o to /bin/sh. */
  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
