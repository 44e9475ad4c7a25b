package io.weaver.dbrouting;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue of settings: for each setting and role, the environment variable, the builder method, the Spring Boot
 * property, the default and what it means. README's settings table and the Spring module's property metadata are
 * checked against it; reading the environment loops over it.
 *
 * <pre>{@code
 * Setting.POOL_SIZE.variable(DbRole.WORKER)   // "WORKER_DATABASE_POOL_SIZE"
 * Setting.POOL_SIZE.property(DbRole.WORKER)   // "weaver.dbrouting.worker.pool-size"
 * Setting.POOL_SIZE.defaultValue(DbRole.WORKER) // 5
 * }</pre>
 */
public enum Setting {
  /** The role's connection string (API: required; worker: {@code DATABASE_URL} when unset). */
  URL(Group.ESSENTIALS, "URL", "url", null, null, null, null, "required", "`DATABASE_URL` (fallback)",
      "API endpoint, usually the session-mode pooler (Supabase port 5432)",
      "worker endpoint, usually the transaction-mode pooler (Supabase port 6543)"),
  /** Connections the role keeps open (HikariCP {@code minimumIdle}): 20 for API, 5 for the worker. */
  POOL_SIZE(Group.TUNING, "POOL_SIZE", "pool-size", "poolSize", "int", 20, 5, null, null,
      "API connections kept open (HikariCP `minimumIdle`)", "worker connections kept open"),
  /** Extra connections under load, closed when idle: 40 for API, 10 for the worker. */
  MAX_OVERFLOW(Group.TUNING, "MAX_OVERFLOW", "max-overflow", "maxOverflow", "int", 40, 10, null, null,
      "extra API connections under load, closed when idle (`maximumPoolSize` = size + overflow)",
      "extra worker connections under load"),
  /** Processes (replicas) that each open the role's pool, for the connection budget: 1. */
  PROCESSES(Group.TUNING, "PROCESSES", "processes", "processes", "int", 1, 1, null, null,
      "processes (replicas) that each open an API pool, for the connection budget",
      "processes that each open a worker pool"),
  /** Clients the role's endpoint accepts: unset (15 assumed on Supabase's session pooler). */
  CLIENT_LIMIT(Group.TUNING, "CLIENT_LIMIT", "client-limit", "clientLimit", "int", null, null,
      "unset (15 on Supabase's session pooler)", "unset (15 on Supabase's session pooler)",
      "client connections the API endpoint accepts, checked against the budget at start",
      "client connections the worker endpoint accepts"),
  /** PostgreSQL settings for the role's connections, session mode only: none. */
  SERVER_SETTINGS(Group.TUNING, "SERVER_SETTINGS", "server-settings", "serverSetting", "String, String", Map.of(),
      Map.of(), null, null,
      "PostgreSQL settings for API connections, e.g. `jit=off,statement_timeout=30s` (session mode only)",
      "PostgreSQL settings for worker connections (session mode only)"),
  /** Whether to probe how the endpoint pools at first use: {@code false}. */
  CHECK_POOL_MODE(Group.TUNING, "CHECK_POOL_MODE", "check-pool-mode", "checkPoolMode", "boolean", false, false,
      null, null, "probe how the API endpoint pools at first use and WARN when it contradicts the mode",
      "the same for the worker endpoint"),
  /** Server-side prepared statements: on in session mode, off in transaction mode. */
  PREPARED_STATEMENTS(Group.TUNING, "PREPARED_STATEMENTS", "prepared-statements", "preparedStatements",
      "PreparedStatements", null, null, "on in session mode, off in transaction mode",
      "on in session mode, off in transaction mode",
      "server-side prepared statements of API connections: `on`, `off`, or `auto` (on where a probe at first use "
          + "sees the pooler keep them)", "the same for worker connections"),
  /** The role's pooler mode: auto, decided from the URL. */
  POOL_MODE(Group.RARE, "POOL_MODE", "pool-mode", "poolMode", "PoolMode", null, null, "`auto`", "`auto`",
      "`session`, `transaction` or `auto` (see the mode rules)",
      "`session`, `transaction` or `auto`; a fallback worker takes the API mode");

  /** README's grouping of the settings table. */
  public enum Group { ESSENTIALS, TUNING, RARE }

  private static final String PROPERTY_PREFIX = "weaver.dbrouting.";

  private final Group group;
  private final String variableSuffix;
  private final String propertyName;
  private final @Nullable String builderName;
  private final @Nullable String builderArguments;
  @SuppressWarnings("ImmutableEnumChecker") // an Integer, a Boolean or Map.of(): all immutable
  private final @Nullable Object apiDefault;
  @SuppressWarnings("ImmutableEnumChecker") // an Integer, a Boolean or Map.of(): all immutable
  private final @Nullable Object workerDefault;
  private final @Nullable String apiNoDefault;
  private final @Nullable String workerNoDefault;
  private final String apiMeaning;
  private final String workerMeaning;

  /**
   * A catalogue entry.
   *
   * @param apiDefault the API role's default ({@code null} for none, then {@code apiNoDefault} says what applies)
   * @param workerDefault the worker role's default ({@code null} for none, then {@code workerNoDefault} says what
   *     applies)
   */
  Setting(Group group, String variableSuffix, String propertyName, @Nullable String builderName,
      @Nullable String builderArguments, @Nullable Object apiDefault, @Nullable Object workerDefault,
      @Nullable String apiNoDefault, @Nullable String workerNoDefault, String apiMeaning,
      String workerMeaning) {
    this.group = group;
    this.variableSuffix = variableSuffix;
    this.propertyName = propertyName;
    this.builderName = builderName;
    this.builderArguments = builderArguments;
    this.apiDefault = apiDefault;
    this.workerDefault = workerDefault;
    this.apiNoDefault = apiNoDefault;
    this.workerNoDefault = workerNoDefault;
    this.apiMeaning = apiMeaning;
    this.workerMeaning = workerMeaning;
  }

  /** The environment variable, e.g. {@code WORKER_DATABASE_POOL_SIZE}. */
  public String variable(DbRole role) {
    return (isWorker(role) ? "WORKER_" : "") + "DATABASE_" + variableSuffix;
  }

  /** The builder method as messages name it, e.g. {@code poolSize(WORKER, int)} or {@code databaseUrl(String)}. */
  public String builderMethod(DbRole role) {
    if (this == URL) {
      return isWorker(role) ? "workerDatabaseUrl(String)" : "databaseUrl(String)";
    }
    return builderName + "(" + role + ", " + builderArguments + ")";
  }

  /** The Spring Boot property, e.g. {@code weaver.dbrouting.worker.pool-size}. */
  public String property(DbRole role) {
    return PROPERTY_PREFIX + role.name().toLowerCase(Locale.ROOT) + "." + propertyName;
  }

  /**
   * The Spring Boot property this one replaces, still read and deprecated ({@code weaver.dbrouting.database-url},
   * {@code weaver.dbrouting.worker-database-url}), or {@code null}.
   */
  public @Nullable String deprecatedProperty(DbRole role) {
    return this == URL ? PROPERTY_PREFIX + (isWorker(role) ? "worker-database-url" : "database-url") : null;
  }

  /**
   * The default: an {@code Integer} for counts, {@code Boolean} for switches, an empty map for server settings;
   * {@code null} for none or one that depends on the mode (the URLs, an unknown client limit, pool mode auto,
   * prepared statements).
   */
  public @Nullable Object defaultValue(DbRole role) {
    return isWorker(role) ? workerDefault : apiDefault;
  }

  /** The default as README shows it, e.g. {@code 20}, {@code `false`}, {@code none} or {@code `auto`}. */
  public String defaultText(DbRole role) {
    Object value = defaultValue(role);
    if (value == null) {
      return Objects.requireNonNull(isWorker(role) ? workerNoDefault : apiNoDefault, "a setting without a default says so");
    }
    if (value instanceof Boolean) {
      return "`" + value + "`";
    }
    return value instanceof Map<?, ?> map && map.isEmpty() ? "none" : value.toString();
  }

  /** What the setting means for {@code role}, as README's table says it. */
  public String meaning(DbRole role) {
    return isWorker(role) ? workerMeaning : apiMeaning;
  }

  /** README's group: essentials, tuning or rare. */
  public Group group() {
    return group;
  }

  private static boolean isWorker(DbRole role) {
    return Objects.requireNonNull(role, "role") == DbRole.WORKER;
  }
}
