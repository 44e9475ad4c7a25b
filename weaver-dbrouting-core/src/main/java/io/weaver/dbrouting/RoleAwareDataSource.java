package io.weaver.dbrouting;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.internal.config.SettingsInput;
import io.weaver.dbrouting.internal.diagnostics.FailureExplainer;
import io.weaver.dbrouting.internal.diagnostics.StartupModeCheck;
import io.weaver.dbrouting.internal.text.SettingErrors;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One DataSource, two HikariCP pools: {@link DbRole#API} on {@code DATABASE_URL} (usually the session-mode pooler) and
 * {@link DbRole#WORKER} on {@code WORKER_DATABASE_URL} (usually the transaction-mode pooler; {@code DATABASE_URL} when
 * unset), each set up right for its pooler mode.
 *
 * <pre>{@code
 * RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment();
 * try (Connection c = db.getConnection()) { ... }                       // API pool
 * try (RoleScope s = RoleScope.enter(DbRole.WORKER); Connection c = db.getConnection()) { ... }  // worker pool
 * }</pre>
 *
 * <p>Building validates every setting of both roles and opens no connection; each pool starts at its first use.
 * {@link #getConnection()} routes by {@link RoleScope#current()} without locking. {@link #close()} closes both pools.
 * Settings and their defaults are listed on {@link Builder}.
 */
// Routes sit in an array indexed by the role's ordinal: the cheapest lookup on the way to every connection.
@SuppressWarnings("EnumOrdinal")
public final class RoleAwareDataSource implements DataSource, AutoCloseable {
  /** One role's pool with what belongs to it. */
  static final class Route {
    final HikariDataSource pool;
    final RolePlan plan;
    final FailureExplainer explainer;
    /** The first-use check, if any; {@link #checkPending} is cleared once it started. */
    final @Nullable StartupModeCheck check;
    boolean checkPending;

    Route(HikariDataSource pool, RolePlan plan, FailureExplainer explainer, @Nullable StartupModeCheck check) {
      this.pool = pool;
      this.plan = plan;
      this.explainer = explainer;
      this.check = check;
      this.checkPending = check != null;
    }
  }

  /** Indexed by {@link DbRole#ordinal()}. */
  private final Route[] routes;
  private volatile boolean closed;
  private volatile @Nullable PrintWriter logWriter;

  /** @param routes one per role, indexed by {@link DbRole#ordinal()} */
  RoleAwareDataSource(Route[] routes) {
    this.routes = routes;
  }

  /** Builds from the process environment; see {@link Builder} for the variables. */
  public static RoleAwareDataSource fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Builds from the given environment variables; see {@link Builder} for the names. */
  public static RoleAwareDataSource fromEnvironment(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /** A builder for programmatic configuration, with a method for every environment setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** The pool of {@code role}; {@code unwrap(HikariDataSource.class)} gives its HikariCP data source. */
  public DataSource forRole(DbRole role) {
    checkOpen();
    return routes[Objects.requireNonNull(role, "role").ordinal()].pool;
  }

  /** What was decided for {@code role}. Opens nothing. */
  public RolePlan plan(DbRole role) {
    return routes[Objects.requireNonNull(role, "role").ordinal()].plan;
  }

  /** A connection from the pool of the calling thread's {@link RoleScope#current() role} ({@code API} by default). */
  @Override
  public Connection getConnection() throws SQLException {
    Route route = routes[RoleScope.current().ordinal()];
    try {
      Connection connection = route.pool.getConnection();
      if (route.checkPending) {
        route.checkPending = false;
        Objects.requireNonNull(route.check, "a pending check exists").startOnce();
      }
      return connection;
    } catch (SQLException e) {
      if (closed) {
        throw closedException(e); // checked here, so the way to a connection costs nothing extra
      }
      route.explainer.explain(e, route.pool.getHikariPoolMXBean());
      throw route.explainer.withContext(e);
    }
  }

  /** Not supported: credentials come from the connection strings. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("RoleAwareDataSource takes credentials from "
        + Setting.URL.variable(DbRole.API) + " and " + Setting.URL.variable(DbRole.WORKER)
        + " only; call getConnection() without arguments");
  }

  /**
   * Closes both pools, and returns once every thread this data source started has ended (the first-use pool mode
   * checks). Afterwards every use fails; closing again does nothing.
   */
  @Override
  public void close() {
    closed = true;
    for (Route route : routes) {
      route.pool.close();
    }
    for (Route route : routes) {
      if (route.check != null) {
        route.check.awaitEnd();
      }
    }
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** The writer given to {@link #setLogWriter}; this library itself logs through SLF4J. */
  @Override
  public @Nullable PrintWriter getLogWriter() {
    return logWriter;
  }

  /** Kept for {@link #getLogWriter()}; pgjdbc and HikariCP log through their own loggers. */
  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /** Sets both pools' HikariCP {@code connectionTimeout}, the longest a caller waits for a connection. */
  @Override
  public void setLoginTimeout(int seconds) {
    if (seconds > 0) {
      for (Route route : routes) {
        route.pool.setConnectionTimeout(seconds * 1000L);
      }
    }
  }

  /** The API pool's HikariCP {@code connectionTimeout}, in whole seconds. */
  @Override
  public int getLoginTimeout() {
    return (int) (routes[DbRole.API.ordinal()].pool.getConnectionTimeout() / 1000);
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("RoleAwareDataSource logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("RoleAwareDataSource holds one pool per role and is not a " + iface.getName()
        + "; use forRole(DbRole.API).unwrap(" + iface.getSimpleName() + ".class) or forRole(DbRole.WORKER)...");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "RoleAwareDataSource[" + plan(DbRole.API) + "; " + plan(DbRole.WORKER) + (closed ? "; closed" : "") + "]";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(closedMessage());
    }
  }

  private static SQLException closedException(SQLException cause) {
    return new SQLException(closedMessage(), "08003", cause);
  }

  private static String closedMessage() {
    return "RoleAwareDataSource is closed and its pools with it; build a new one "
        + "(close() belongs at application shutdown)";
  }

  /**
   * Settings for a {@link RoleAwareDataSource}. Each value is checked when set; values are checked against each other
   * in {@link #build()}. Every setting has a method here and an environment variable; {@link Setting} lists them with
   * their defaults and Spring Boot properties.
   *
   * <p>Pool sizes keep SQLAlchemy's meaning: {@code poolSize} connections are kept (HikariCP {@code minimumIdle}), up
   * to {@code poolSize + maxOverflow} under load ({@code maximumPoolSize}); overflow connections close when idle.
   */
  public static final class Builder {
    private final SettingsInput input = new SettingsInput();

    Builder() {}

    /** The API endpoint (required); the worker's too when no worker URL is set. */
    public Builder databaseUrl(String url) {
      input.fromBuilder(Setting.URL, DbRole.API, url);
      return this;
    }

    /** The worker endpoint (default: {@code DATABASE_URL}); {@code null} or blank means fall back. */
    public Builder workerDatabaseUrl(String url) {
      input.fromBuilder(Setting.URL, DbRole.WORKER, url);
      return this;
    }

    /** The pooler mode of {@code role}'s endpoint (default: {@code null}, decided from the URL). */
    public Builder poolMode(DbRole role, PoolMode mode) {
      input.fromBuilder(Setting.POOL_MODE, role(role, "poolMode(DbRole, PoolMode)"), mode);
      return this;
    }

    /** Connections {@code role} keeps open (default: 20 for API, 5 for WORKER). */
    public Builder poolSize(DbRole role, int size) {
      input.fromBuilder(Setting.POOL_SIZE, role(role, "poolSize(DbRole, int)"), size);
      return this;
    }

    /** Extra connections {@code role} may open under load (default: 40 for API, 10 for WORKER). */
    public Builder maxOverflow(DbRole role, int overflow) {
      input.fromBuilder(Setting.MAX_OVERFLOW, role(role, "maxOverflow(DbRole, int)"), overflow);
      return this;
    }

    /**
     * Processes (replicas) that each open {@code role}'s pool (default: 1), for the connection budget logged at build
     * time: processes times maximumPoolSize, per endpoint, against its client limit.
     */
    public Builder processes(DbRole role, int processes) {
      input.fromBuilder(Setting.PROCESSES, role(role, "processes(DbRole, int)"), processes);
      return this;
    }

    /**
     * How many clients {@code role}'s endpoint accepts (default: unknown, or 15 on Supabase's session pooler). Over
     * it, the budget line at build time is a WARN with the arithmetic and the fix.
     */
    public Builder clientLimit(DbRole role, int limit) {
      input.fromBuilder(Setting.CLIENT_LIMIT, role(role, "clientLimit(DbRole, int)"), limit);
      return this;
    }

    /**
     * Whether to probe, once, how {@code role}'s endpoint pools when {@link RoleAwareDataSource#getConnection()} first
     * hands out one of its connections (default: {@code false}). The probe runs in the background with two extra
     * connections and logs a WARN with the fix when the endpoint contradicts the role's mode.
     */
    public Builder checkPoolMode(DbRole role, boolean check) {
      input.fromBuilder(Setting.CHECK_POOL_MODE, role(role, "checkPoolMode(DbRole, boolean)"), check);
      return this;
    }

    /**
     * Whether {@code role}'s connections name server-side prepared statements (default: {@code ON} in session mode,
     * {@code OFF} in transaction mode). {@code AUTO} on a transaction-mode pool starts without them and turns them on
     * when the first use's probe sees the pooler keep them (PgBouncer 1.21+ with {@code max_prepared_statements});
     * {@code ON} there names them at once and logs at first use whether the probe confirmed it. Either way, a pool
     * that meets a lost statement (SQLSTATE 26000 or 42P05) logs one WARN and stops naming them.
     */
    public Builder preparedStatements(DbRole role, PreparedStatements setting) {
      String method = "preparedStatements(DbRole, PreparedStatements)";
      input.fromBuilder(Setting.PREPARED_STATEMENTS, role(role, method), given(setting, method, "the setting",
          "PreparedStatements.AUTO"));
      return this;
    }

    /**
     * A PostgreSQL setting for {@code role}'s connections, such as {@code jit} = {@code off} (default: none). A
     * session-mode pool applies it with {@code SET} when it opens a connection; on a transaction-mode pool it is
     * refused at {@link #build()}, with the alternatives ({@code ALTER ROLE ... SET}, {@code SET LOCAL}).
     */
    public Builder serverSetting(DbRole role, String name, String value) {
      String method = "serverSetting(DbRole, String, String)";
      input.serverSettingFromBuilder(role(role, method), given(name, method, "the setting name", "e.g. \"jit\""),
          given(value, method, "the value", "e.g. \"off\""));
      return this;
    }

    /**
     * Adjusts {@code role}'s HikariCP settings after this library's own (timeouts, metrics, ...). Customizers run in
     * the order given, at {@link #build()}; on a transaction-mode pool, settings that would set session state are
     * refused.
     */
    public Builder customizeHikari(DbRole role, Consumer<? super HikariConfig> customizer) {
      String method = "customizeHikari(DbRole, Consumer)";
      input.customizer(role(role, method), given(customizer, method, "the customizer", "e.g. c -> "
          + "c.setConnectionTimeout(5_000)"));
      return this;
    }

    /** Reads every setting present in {@code environment} (blank values count as unset). */
    public Builder environment(Map<String, String> environment) {
      Map<String, String> variables = given(environment, "environment(Map)", "the map", "e.g. System.getenv()");
      return environment(variables::get);
    }

    /**
     * Reads every setting that {@code lookup} knows, by environment variable name ({@code DATABASE_URL}, ...);
     * {@code lookup} returns {@code null} for an unset name. Blank values count as unset.
     */
    public Builder environment(Function<String, String> lookup) {
      return environment(given(lookup, "environment(Function)", "the lookup", "e.g. System::getenv"),
          variable -> variable);
    }

    /**
     * Reads settings as {@link #environment(Function)} does, and names each one in messages and logs as
     * {@code nameOf} gives it, for instance the configuration property a framework read the value from
     * ({@code nameOf} gets the variable name; {@code null} or blank keeps it).
     */
    public Builder environment(Function<String, String> lookup, Function<String, String> nameOf) {
      String method = "environment(Function, Function)";
      input.environment(given(lookup, method, "the lookup", "e.g. System::getenv"),
          given(nameOf, method, "the naming function", "e.g. variable -> variable"));
      return this;
    }

    private static DbRole role(DbRole role, String method) {
      return given(role, method, "the role", "DbRole.API or DbRole.WORKER");
    }

    private static <T> T given(T argument, String method, String what, String example) {
      if (argument == null) {
        throw SettingErrors.invalid(method, what + " is null", "every argument of " + method + " is required",
            "pass " + example);
      }
      return argument;
    }

    /**
     * Checks the settings against each other and builds both pools without connecting.
     *
     * @throws InvalidSettingException naming the setting, the problem and the fix
     */
    public RoleAwareDataSource build() {
      return Wiring.build(input);
    }
  }
}
