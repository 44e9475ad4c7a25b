package io.weaver.dbrouting.internal.config;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;

/**
 * The catalogue of settings: environment variable, builder method, default and meaning, in one place. README's
 * settings table is checked against it by a test.
 */
public enum Setting {
  DATABASE_URL(DbRole.API, "DATABASE_URL", "databaseUrl(String)", "required",
      "API endpoint, usually the session-mode pooler (Supabase port 5432)"),
  WORKER_DATABASE_URL(DbRole.WORKER, "WORKER_DATABASE_URL", "workerDatabaseUrl(String)", "`DATABASE_URL` (fallback)",
      "worker endpoint, usually the transaction-mode pooler (Supabase port 6543)"),
  DATABASE_POOL_MODE(DbRole.API, "DATABASE_POOL_MODE", "poolMode(API, PoolMode)", "`auto`",
      "`session`, `transaction` or `auto` (see the mode rules)"),
  WORKER_DATABASE_POOL_MODE(DbRole.WORKER, "WORKER_DATABASE_POOL_MODE", "poolMode(WORKER, PoolMode)", "`auto`",
      "`session`, `transaction` or `auto`; a fallback worker takes the API mode"),
  DATABASE_POOL_SIZE(DbRole.API, "DATABASE_POOL_SIZE", "poolSize(API, int)",
      String.valueOf(RoleAwareDataSource.DEFAULT_API_POOL_SIZE), "API connections kept open (HikariCP `minimumIdle`)"),
  DATABASE_MAX_OVERFLOW(DbRole.API, "DATABASE_MAX_OVERFLOW", "maxOverflow(API, int)",
      String.valueOf(RoleAwareDataSource.DEFAULT_API_MAX_OVERFLOW),
      "extra API connections under load, closed when idle (`maximumPoolSize` = size + overflow)"),
  WORKER_DATABASE_POOL_SIZE(DbRole.WORKER, "WORKER_DATABASE_POOL_SIZE", "poolSize(WORKER, int)",
      String.valueOf(RoleAwareDataSource.DEFAULT_WORKER_POOL_SIZE), "worker connections kept open"),
  WORKER_DATABASE_MAX_OVERFLOW(DbRole.WORKER, "WORKER_DATABASE_MAX_OVERFLOW", "maxOverflow(WORKER, int)",
      String.valueOf(RoleAwareDataSource.DEFAULT_WORKER_MAX_OVERFLOW), "extra worker connections under load"),
  DATABASE_PROCESSES(DbRole.API, "DATABASE_PROCESSES", "processes(API, int)",
      String.valueOf(RoleAwareDataSource.DEFAULT_PROCESSES),
      "processes (replicas) that each open an API pool, for the connection budget"),
  WORKER_DATABASE_PROCESSES(DbRole.WORKER, "WORKER_DATABASE_PROCESSES", "processes(WORKER, int)",
      String.valueOf(RoleAwareDataSource.DEFAULT_PROCESSES), "processes that each open a worker pool"),
  DATABASE_CLIENT_LIMIT(DbRole.API, "DATABASE_CLIENT_LIMIT", "clientLimit(API, int)", "unset (15 on Supabase's session pooler)",
      "client connections the API endpoint accepts, checked against the budget at start"),
  WORKER_DATABASE_CLIENT_LIMIT(DbRole.WORKER, "WORKER_DATABASE_CLIENT_LIMIT", "clientLimit(WORKER, int)",
      "unset (15 on Supabase's session pooler)", "client connections the worker endpoint accepts"),
  DATABASE_SERVER_SETTINGS(DbRole.API, "DATABASE_SERVER_SETTINGS", "serverSetting(API, String, String)", "none",
      "PostgreSQL settings for API connections, e.g. `jit=off,statement_timeout=30s` (session mode only)"),
  WORKER_DATABASE_SERVER_SETTINGS(DbRole.WORKER, "WORKER_DATABASE_SERVER_SETTINGS",
      "serverSetting(WORKER, String, String)", "none", "PostgreSQL settings for worker connections (session mode only)"),
  DATABASE_CHECK_POOL_MODE(DbRole.API, "DATABASE_CHECK_POOL_MODE", "checkPoolMode(API, boolean)", "`false`",
      "probe how the API endpoint pools at first use and WARN when it contradicts the mode"),
  WORKER_DATABASE_CHECK_POOL_MODE(DbRole.WORKER, "WORKER_DATABASE_CHECK_POOL_MODE", "checkPoolMode(WORKER, boolean)",
      "`false`", "the same for the worker endpoint");

  private final DbRole role;
  private final String environmentName;
  private final String builderMethod;
  private final String defaultValue;
  private final String meaning;

  Setting(DbRole role, String environmentName, String builderMethod, String defaultValue, String meaning) {
    this.role = role;
    this.environmentName = environmentName;
    this.builderMethod = builderMethod;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  public DbRole role() {
    return role;
  }

  public String environmentName() {
    return environmentName;
  }

  /** The builder method, e.g. {@code poolSize(WORKER, int)}. */
  public String builderMethod() {
    return builderMethod;
  }

  /** The default as README shows it. */
  public String defaultValue() {
    return defaultValue;
  }

  public String meaning() {
    return meaning;
  }

  public static Setting url(DbRole role) {
    return role == DbRole.API ? DATABASE_URL : WORKER_DATABASE_URL;
  }

  public static Setting mode(DbRole role) {
    return role == DbRole.API ? DATABASE_POOL_MODE : WORKER_DATABASE_POOL_MODE;
  }

  public static Setting poolSize(DbRole role) {
    return role == DbRole.API ? DATABASE_POOL_SIZE : WORKER_DATABASE_POOL_SIZE;
  }

  public static Setting maxOverflow(DbRole role) {
    return role == DbRole.API ? DATABASE_MAX_OVERFLOW : WORKER_DATABASE_MAX_OVERFLOW;
  }

  public static Setting processes(DbRole role) {
    return role == DbRole.API ? DATABASE_PROCESSES : WORKER_DATABASE_PROCESSES;
  }

  public static Setting checkPoolMode(DbRole role) {
    return role == DbRole.API ? DATABASE_CHECK_POOL_MODE : WORKER_DATABASE_CHECK_POOL_MODE;
  }

  public static Setting serverSettings(DbRole role) {
    return role == DbRole.API ? DATABASE_SERVER_SETTINGS : WORKER_DATABASE_SERVER_SETTINGS;
  }

  public static Setting clientLimit(DbRole role) {
    return role == DbRole.API ? DATABASE_CLIENT_LIMIT : WORKER_DATABASE_CLIENT_LIMIT;
  }
}
