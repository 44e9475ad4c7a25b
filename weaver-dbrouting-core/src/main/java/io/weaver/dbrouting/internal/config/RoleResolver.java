package io.weaver.dbrouting.internal.config;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.Setting;
import io.weaver.dbrouting.internal.mode.ModeDecision;
import io.weaver.dbrouting.internal.mode.PoolModeResolver;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the given settings against each other and decides each role: endpoint (the worker falls back to the API's),
 * mode and why, sizes and limits. Pure: it opens nothing, builds no pool and logs nothing.
 */
public final class RoleResolver {
  private RoleResolver() {}

  /**
   * Each role as decided from {@code input}.
   *
   * @throws InvalidSettingException naming the setting, the problem and the fix
   */
  public static Map<DbRole, ResolvedRole> resolve(SettingsInput input) {
    ParsedUrl apiUrl = (ParsedUrl) input.value(Setting.URL, DbRole.API);
    String apiUrlLabel = input.label(Setting.URL, DbRole.API);
    if (apiUrl == null) {
      throw invalid(apiUrlLabel, "is not set", "the API role needs a connection string",
          "set it to your session-mode pooler or database, e.g. postgresql://USER:PASSWORD@HOST:5432/postgres");
    }
    ParsedUrl ownWorkerUrl = (ParsedUrl) input.value(Setting.URL, DbRole.WORKER);
    boolean fellBack = ownWorkerUrl == null;
    ParsedUrl workerUrl = fellBack ? apiUrl : ownWorkerUrl;
    for (DbRole role : DbRole.values()) {
      checkSizes(input, role);
    }
    if (apiUrl.user() == null) {
      throw noUser(apiUrlLabel);
    }
    if (workerUrl == null || workerUrl.user() == null) {
      throw noUser(input.label(Setting.URL, DbRole.WORKER));
    }

    ModeDecision apiMode = PoolModeResolver.resolve(input.mode(DbRole.API), input.label(Setting.POOL_MODE, DbRole.API),
        apiUrl, apiUrlLabel);
    String workerModeLabel = input.label(Setting.POOL_MODE, DbRole.WORKER);
    ModeDecision workerMode = fellBack
        ? PoolModeResolver.resolveFallback(input.mode(DbRole.WORKER), workerModeLabel, apiMode)
        : PoolModeResolver.resolve(input.mode(DbRole.WORKER), workerModeLabel, workerUrl,
            input.label(Setting.URL, DbRole.WORKER));

    Map<DbRole, ResolvedRole> roles = new EnumMap<>(DbRole.class);
    roles.put(DbRole.API, role(input, DbRole.API, apiUrl, apiUrlLabel, false, apiMode, DbRole.API));
    roles.put(DbRole.WORKER, role(input, DbRole.WORKER, workerUrl,
        fellBack ? apiUrlLabel : input.label(Setting.URL, DbRole.WORKER), fellBack, workerMode,
        fellBack ? DbRole.API : DbRole.WORKER));
    return roles;
  }

  /** @param limits whose client limit applies when the role sets none: a fallback worker shares the API endpoint's */
  private static ResolvedRole role(SettingsInput input, DbRole role, ParsedUrl url, String urlLabel, boolean fellBack,
      ModeDecision mode, DbRole limits) {
    Integer ownLimit = input.count(Setting.CLIENT_LIMIT, role);
    DbRole limitFrom = ownLimit != null ? role : limits;
    return new ResolvedRole(role, url, urlLabel, fellBack, mode, input.label(Setting.POOL_MODE, role),
        count(input, Setting.POOL_SIZE, role), count(input, Setting.MAX_OVERFLOW, role),
        input.label(Setting.POOL_SIZE, role) + " / " + input.label(Setting.MAX_OVERFLOW, role),
        count(input, Setting.PROCESSES, role), input.label(Setting.PROCESSES, role),
        input.count(Setting.CLIENT_LIMIT, limitFrom), input.label(Setting.CLIENT_LIMIT, limitFrom),
        input.serverSettings(role), input.label(Setting.SERVER_SETTINGS, role),
        Boolean.TRUE.equals(input.value(Setting.CHECK_POOL_MODE, role)), input.preparedStatements(role),
        input.label(Setting.PREPARED_STATEMENTS, role), input.customizers(role));
  }

  private static void checkSizes(SettingsInput input, DbRole role) {
    long total = (long) count(input, Setting.POOL_SIZE, role) + count(input, Setting.MAX_OVERFLOW, role);
    String size = input.label(Setting.POOL_SIZE, role);
    String overflow = input.label(Setting.MAX_OVERFLOW, role);
    if (total < 1) {
      throw invalid(size, size + "=0 and " + overflow + "=0 leave the pool no connection",
          "a pool needs at least one connection in total", "set " + size + " or " + overflow + " to 1 or more");
    }
    if (total > Integer.MAX_VALUE) {
      throw invalid(overflow, size + " + " + overflow + " is larger than any pool can be",
          "their sum is the pool's maximum size", "use realistic sizes");
    }
  }

  /** A count that has a default, so it is never missing. */
  private static int count(SettingsInput input, Setting setting, DbRole role) {
    return Objects.requireNonNull(input.count(setting, role), setting + " has a default");
  }

  private static InvalidSettingException noUser(String label) {
    return invalid(label, "names no user", "the pool logs in with the user of the connection string",
        "add the user before the host: postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
  }
}
