package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import java.util.Locale;
import java.util.Map;

/** The Spring property behind each core setting name (environment variable or builder method). */
final class SettingNames {
  private static final Map<String, String> PROPERTIES = Map.ofEntries(
      Map.entry("DATABASE_URL", "weaver.dbrouting.database-url"),
      Map.entry("databaseUrl(String)", "weaver.dbrouting.database-url"),
      Map.entry("WORKER_DATABASE_URL", "weaver.dbrouting.worker-database-url"),
      Map.entry("workerDatabaseUrl(String)", "weaver.dbrouting.worker-database-url"),
      Map.entry("DATABASE_POOL_MODE", "weaver.dbrouting.api.pool-mode"),
      Map.entry("poolMode(API, PoolMode)", "weaver.dbrouting.api.pool-mode"),
      Map.entry("WORKER_DATABASE_POOL_MODE", "weaver.dbrouting.worker.pool-mode"),
      Map.entry("poolMode(WORKER, PoolMode)", "weaver.dbrouting.worker.pool-mode"),
      Map.entry("DATABASE_POOL_SIZE", "weaver.dbrouting.api.pool-size"),
      Map.entry("poolSize(API, int)", "weaver.dbrouting.api.pool-size"),
      Map.entry("WORKER_DATABASE_POOL_SIZE", "weaver.dbrouting.worker.pool-size"),
      Map.entry("poolSize(WORKER, int)", "weaver.dbrouting.worker.pool-size"),
      Map.entry("DATABASE_MAX_OVERFLOW", "weaver.dbrouting.api.max-overflow"),
      Map.entry("maxOverflow(API, int)", "weaver.dbrouting.api.max-overflow"),
      Map.entry("WORKER_DATABASE_MAX_OVERFLOW", "weaver.dbrouting.worker.max-overflow"),
      Map.entry("maxOverflow(WORKER, int)", "weaver.dbrouting.worker.max-overflow"),
      Map.entry("DATABASE_PROCESSES", "weaver.dbrouting.api.processes"),
      Map.entry("processes(API, int)", "weaver.dbrouting.api.processes"),
      Map.entry("WORKER_DATABASE_PROCESSES", "weaver.dbrouting.worker.processes"),
      Map.entry("processes(WORKER, int)", "weaver.dbrouting.worker.processes"),
      Map.entry("DATABASE_CLIENT_LIMIT", "weaver.dbrouting.api.client-limit"),
      Map.entry("clientLimit(API, int)", "weaver.dbrouting.api.client-limit"),
      Map.entry("WORKER_DATABASE_CLIENT_LIMIT", "weaver.dbrouting.worker.client-limit"),
      Map.entry("clientLimit(WORKER, int)", "weaver.dbrouting.worker.client-limit"),
      Map.entry("DATABASE_SERVER_SETTINGS", "weaver.dbrouting.api.server-settings"),
      Map.entry("serverSetting(API, String, String)", "weaver.dbrouting.api.server-settings"),
      Map.entry("WORKER_DATABASE_SERVER_SETTINGS", "weaver.dbrouting.worker.server-settings"),
      Map.entry("serverSetting(WORKER, String, String)", "weaver.dbrouting.worker.server-settings"),
      Map.entry("DATABASE_CHECK_POOL_MODE", "weaver.dbrouting.api.check-pool-mode"),
      Map.entry("checkPoolMode(API, boolean)", "weaver.dbrouting.api.check-pool-mode"),
      Map.entry("WORKER_DATABASE_CHECK_POOL_MODE", "weaver.dbrouting.worker.check-pool-mode"),
      Map.entry("checkPoolMode(WORKER, boolean)", "weaver.dbrouting.worker.check-pool-mode"),
      Map.entry("customizeHikari(API)", "weaver.dbrouting.api.hikari"),
      Map.entry("customizeHikari(WORKER)", "weaver.dbrouting.worker.hikari"));

  private SettingNames() {}

  /** The Spring property for a core setting name, or {@code null} when there is none. */
  static String propertyFor(String setting) {
    return PROPERTIES.get(setting);
  }

  /** {@code text} with every builder method name replaced by its Spring property. */
  static String withPropertyNames(String text) {
    String result = text;
    for (Map.Entry<String, String> entry : PROPERTIES.entrySet()) {
      if (!isEnvironmentVariable(entry.getKey())) {
        result = result.replace(entry.getKey(), entry.getValue());
      }
    }
    return result;
  }

  /** True for an environment variable name, as opposed to a builder method. */
  static boolean isEnvironmentVariable(String setting) {
    return setting.equals(setting.toUpperCase(Locale.ROOT));
  }

  static String hikariPrefix(DbRole role) {
    return "weaver.dbrouting." + role.name().toLowerCase(Locale.ROOT) + ".hikari";
  }
}
