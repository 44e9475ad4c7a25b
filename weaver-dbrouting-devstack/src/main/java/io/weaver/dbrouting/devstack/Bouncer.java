package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One PgBouncer process of a stack: its configuration file, its logs, and the signals tests send it. Files are
 * {@code <dir>/pgbouncer-<session|transaction>.{ini,log,console,pid}}.
 */
final class Bouncer {

  /** Opens and closes one connection through this PgBouncer. */
  @FunctionalInterface
  interface Login {
    Connection connect() throws SQLException;
  }

  /**
   * Seconds PgBouncer waits after a failed server login before it tries again (its default, 15, would keep the
   * stack's PgBouncers refusing clients that long after a PostgreSQL restart).
   */
  static final int SERVER_LOGIN_RETRY_SECONDS = 1;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ServiceUser serviceUser;
  private final Path program;
  private final Path dir;
  private final String name;
  private final int port;
  /** Null until {@link #start()}. */
  private @Nullable Process process;

  Bouncer(ServiceUser serviceUser, Path program, Path dir, Endpoint endpoint, int port) {
    this.serviceUser = serviceUser;
    this.program = program;
    this.dir = dir;
    this.name = endpoint.name().toLowerCase(Locale.ROOT);
    this.port = port;
  }

  /** Writes {@code <dir>/userlist.txt}, the auth_file both PgBouncers read: the stack's one user and password. */
  static Path writeAuthFile(Path dir) throws IOException {
    Path authFile = dir.resolve("userlist.txt");
    Files.writeString(authFile, quoteAuthField(PoolerStack.USER) + " " + quoteAuthField(PoolerStack.PASSWORD) + "\n",
        UTF_8);
    return authFile;
  }

  /**
   * Writes the configuration file.
   *
   * @param maxPreparedStatements {@code max_prepared_statements}, or {@code -1} to leave the line out (PgBouncer's
   *     default; versions before 1.21 do not know the setting)
   */
  void writeIni(int maxClientConn, int defaultPoolSize, int pgPort, Path authFile, int maxPreparedStatements)
      throws IOException {
    // ignore_startup_parameters is deliberately absent: PgBouncer's default (empty) is what
    // production poolers run with, and the main code must cope with it.
    String ini = String.join("\n",
        "[databases]",
        PoolerStack.DATABASE + " = host=" + Ports.HOST + " port=" + pgPort + " dbname=" + PoolerStack.DATABASE,
        "",
        "[pgbouncer]",
        "listen_addr = " + Ports.HOST,
        "listen_port = " + port,
        "unix_socket_dir =",
        "auth_type = scram-sha-256",
        "auth_file = " + authFile,
        "admin_users = " + PoolerStack.USER,
        "pool_mode = " + name,
        "max_client_conn = " + maxClientConn,
        "default_pool_size = " + defaultPoolSize,
        "server_login_retry = " + SERVER_LOGIN_RETRY_SECONDS,
        "logfile = " + log(),
        "pidfile = " + file("pid"),
        maxPreparedStatements < 0 ? "" : "max_prepared_statements = " + maxPreparedStatements,
        "");
    Files.writeString(file("ini"), ini, UTF_8);
  }

  /** Starts the process; {@link #awaitLogin} waits until it serves. */
  void start() throws IOException {
    process = serviceUser.start(dir, console(), List.of(program.toString(), file("ini").toString()));
  }

  /** Waits until {@code login} succeeds through this PgBouncer. */
  void awaitLogin(Login login) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    SQLException last = null;
    Process process = started();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pgbouncer (" + name + ") exited with code " + process.exitValue()
            + " before accepting a login");
      }
      try (Connection c = login.connect()) {
        if (c.isValid(5)) {
          return;
        }
      } catch (SQLException ex) {
        last = ex;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("pgbouncer (" + name + ") did not accept a login on port " + port
        + " within " + READY_TIMEOUT.toSeconds() + " s", last);
  }

  /** SIGCONT (should it be frozen) and SIGTERM, then SIGKILL if it outlives the timeout. */
  void stop() {
    Process process = this.process;
    if (process == null) {
      return;
    }
    try {
      thaw();
    } catch (IllegalStateException exited) {
      // it ended on its own meanwhile
    }
    process.destroy(); // SIGTERM: PgBouncer 1.18 exits at once
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** SIGSTOP: the kernel still completes TCP handshakes on its port, but nothing is answered. */
  void freeze() {
    signal("STOP");
  }

  /** SIGCONT: it goes on where it stopped. */
  void thaw() {
    signal("CONT");
  }

  private void signal(String signal) {
    Process process = this.process;
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      kill.getOutputStream().close();
      String output = new String(kill.getInputStream().readAllBytes(), UTF_8);
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (pgbouncer " + name
            + ") failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run kill -" + signal + " for pgbouncer " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling pgbouncer " + name, e);
    }
  }

  /** Process id of the running PgBouncer. */
  long pid() {
    return started().pid();
  }

  private Process started() {
    Process process = this.process;
    if (process == null) {
      throw new IllegalStateException("pgbouncer (" + name + ") was not started");
    }
    return process;
  }

  Path log() {
    return file("log");
  }

  /** What PgBouncer wrote to stdout/stderr: errors from before its logfile was open land here. */
  private Path console() {
    return file("console");
  }

  /** What PgBouncer wrote to stdout/stderr and its log, for the message of a failed start. */
  void appendStartupLogs(StringBuilder out) {
    LogFiles.appendTailIfPresent(out, "pgbouncer " + name + " stdout/stderr", console(), 30);
    LogFiles.appendTailIfPresent(out, "pgbouncer " + name, log(), 30);
  }

  String name() {
    return name;
  }

  private Path file(String extension) {
    return dir.resolve("pgbouncer-" + name + "." + extension);
  }

  /** A field of PgBouncer's auth_file: in double quotes, a double quote doubled. */
  private static String quoteAuthField(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
