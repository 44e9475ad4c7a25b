package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Spring property that stands for each environment variable core reads, and the names of the hikari maps. */
final class SettingNames {
  private static final String PREFIX = "weaver.dbrouting.";

  /** Per-role settings: the variable's suffix after {@code DATABASE_} and the property's last part. */
  private static final Map<String, String> ROLE_SETTINGS = Map.of(
      "POOL_MODE", "pool-mode",
      "POOL_SIZE", "pool-size",
      "MAX_OVERFLOW", "max-overflow",
      "PROCESSES", "processes",
      "CLIENT_LIMIT", "client-limit",
      "SERVER_SETTINGS", "server-settings",
      "CHECK_POOL_MODE", "check-pool-mode");

  private SettingNames() {}

  /** The environment variable of a per-role setting, e.g. {@code WORKER_DATABASE_POOL_SIZE} for WORKER, POOL_SIZE. */
  static String variable(DbRole role, String suffix) {
    return (role == DbRole.WORKER ? "WORKER_" : "") + "DATABASE_" + suffix;
  }

  /** The Spring property for an environment variable core reads, or {@code null} when there is none. */
  static @Nullable String propertyFor(String variable) {
    if (variable.equals("DATABASE_URL")) {
      return PREFIX + "database-url";
    }
    if (variable.equals("WORKER_DATABASE_URL")) {
      return PREFIX + "worker-database-url";
    }
    DbRole role = variable.startsWith("WORKER_") ? DbRole.WORKER : DbRole.API;
    String rest = role == DbRole.WORKER ? variable.substring("WORKER_".length()) : variable;
    String part = rest.startsWith("DATABASE_") ? ROLE_SETTINGS.get(rest.substring("DATABASE_".length())) : null;
    return part == null ? null : rolePrefix(role) + part;
  }

  /** True for an environment variable name, as opposed to a property or builder method. */
  static boolean isEnvironmentVariable(String setting) {
    return setting.equals(setting.toUpperCase(Locale.ROOT));
  }

  /** {@code weaver.dbrouting.worker.hikari}: the map that {@code customizeHikari(WORKER)} carries. */
  static String hikariPrefix(DbRole role) {
    return rolePrefix(role) + "hikari";
  }

  /** The hikari map behind {@code customizeHikari(ROLE)}, the one builder call the properties make. */
  static @Nullable String hikariMapFor(String builderMethod) {
    for (DbRole role : DbRole.values()) {
      if (builderMethod.equals("customizeHikari(" + role + ")")) {
        return hikariPrefix(role);
      }
    }
    return null;
  }

  private static String rolePrefix(DbRole role) {
    return PREFIX + role.name().toLowerCase(Locale.ROOT) + ".";
  }
}
