package io.weaver.dbrouting.spring;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Maps {@code weaver.dbrouting.*} onto the core builder. A property that stands for an environment variable is handed
 * to core in that variable's place, under the property's name: core then never reads the variable (not even an
 * invalid one) and names the setting by the property in messages and logs. Where no property is set, core reads the
 * variable and names it as it is. The hikari maps, which have no variable, become {@code customizeHikari} calls.
 */
final class PropertiesMapper {
  private final WeaverDbRoutingProperties properties;
  private final Function<String, @Nullable String> environment;

  /** @param environment the raw environment lookup, by variable name */
  PropertiesMapper(WeaverDbRoutingProperties properties, Function<String, @Nullable String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  void applyTo(RoleAwareDataSource.Builder builder) {
    Map<String, String> given = new HashMap<>();
    put(given, "DATABASE_URL", properties.getDatabaseUrl());
    put(given, "WORKER_DATABASE_URL", properties.getWorkerDatabaseUrl());
    putRole(given, DbRole.API, properties.getApi());
    putRole(given, DbRole.WORKER, properties.getWorker());
    builder.environment(variable -> given.containsKey(variable) ? given.get(variable) : environment.apply(variable),
        variable -> given.containsKey(variable) ? SettingNames.propertyFor(variable) : variable);
    applyBuilderOnly(builder, DbRole.API, properties.getApi());
    applyBuilderOnly(builder, DbRole.WORKER, properties.getWorker());
  }

  private static void putRole(Map<String, String> given, DbRole role, WeaverDbRoutingProperties.Role pool) {
    put(given, SettingNames.variable(role, "POOL_SIZE"), pool.getPoolSize());
    put(given, SettingNames.variable(role, "MAX_OVERFLOW"), pool.getMaxOverflow());
    PoolMode poolMode = pool.getPoolMode();
    put(given, SettingNames.variable(role, "POOL_MODE"),
        poolMode == null ? null : poolMode.name().toLowerCase(Locale.ROOT));
    put(given, SettingNames.variable(role, "CHECK_POOL_MODE"), pool.getCheckPoolMode());
    put(given, SettingNames.variable(role, "PROCESSES"), pool.getProcesses());
    put(given, SettingNames.variable(role, "CLIENT_LIMIT"), pool.getClientLimit());
    Map<String, String> settings = pool.getServerSettings();
    if (!settings.isEmpty()) {
      // written in the variable's syntax; settings it cannot carry go through the builder, the variable stays unread
      String text = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
      given.put(SettingNames.variable(role, "SERVER_SETTINGS"), fitVariableSyntax(settings) ? text : "");
    }
  }

  /** A blank property counts as unset, as a blank variable does: the variable applies. */
  private static void put(Map<String, String> given, String variable, @Nullable Object value) {
    if (value != null && !value.toString().isBlank()) {
      given.put(variable, value.toString());
    }
  }

  /** True when no name or value holds the variable syntax's separators, ',' and '='. */
  private static boolean fitVariableSyntax(Map<String, String> settings) {
    return settings.entrySet().stream()
        .allMatch(e -> (e.getKey() + e.getValue()).chars().noneMatch(c -> c == ',' || c == '='));
  }

  /** What the variable syntax cannot carry: server settings holding a separator, and the hikari map. */
  private static void applyBuilderOnly(RoleAwareDataSource.Builder builder, DbRole role,
      WeaverDbRoutingProperties.Role pool) {
    Map<String, String> settings = pool.getServerSettings();
    if (!fitVariableSyntax(settings)) {
      String property = SettingNames.propertyFor(SettingNames.variable(role, "SERVER_SETTINGS"));
      try {
        settings.forEach((name, value) -> builder.serverSetting(role, name, value));
      } catch (InvalidSettingException e) {
        // core names the builder method; the user wrote the property (not chained: the root cause is what Boot shows)
        String coreMessage = Objects.requireNonNull(e.getMessage(), "InvalidSettingException has a message");
        String message = coreMessage.startsWith(e.setting() + ": ")
            ? property + coreMessage.substring(e.setting().length()) : property + ": " + coreMessage;
        throw new InvalidSettingException(property, message);
      }
    }
    if (!pool.getHikari().isEmpty()) {
      Map<String, String> hikari = Map.copyOf(pool.getHikari());
      checkHikariKeys(role, hikari);
      builder.customizeHikari(role, config -> bindHikari(role, hikari, config));
    }
  }

  /** HikariCP settings this library owns, with the setting to use instead. */
  private static final Map<String, String> OWNED = Map.of(
      "pool-name", "the pool names are weaver-api and weaver-worker (metrics and logs rely on them)",
      "jdbc-url", "set the URL with database-url / worker-database-url",
      "username", "put the user in the URL",
      "password", "put the password in the URL",
      "data-source", "set the URL with database-url / worker-database-url",
      "data-source-class-name", "set the URL with database-url / worker-database-url",
      "minimum-idle", "use pool-size",
      "maximum-pool-size", "use pool-size and max-overflow");

  /** Refuses, by full name, keys HikariConfig does not have and keys this library sets itself. */
  private static void checkHikariKeys(DbRole role, Map<String, String> settings) {
    for (String key : settings.keySet()) {
      String name = SettingNames.hikariPrefix(role) + "." + key;
      String owned = OWNED.get(ConfigurationPropertyName.adapt(key, '.').toString());
      if (owned != null) {
        throw new InvalidSettingException(name, name + ": is set by weaver-dbrouting; "
            + "this HikariCP setting follows the role's settings. Fix: remove it; " + owned + ".");
      }
    }
    try {
      bindHikari(role, settings, new HikariConfig());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(SettingNames.hikariPrefix(role), e.getMessage());
    }
  }

  private static void bindHikari(DbRole role, Map<String, String> settings, HikariConfig config) {
    Binder binder = new Binder(new MapConfigurationPropertySource(settings));
    try {
      binder.bind(ConfigurationPropertyName.EMPTY, Bindable.ofInstance(config), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    } catch (BindException e) {
      // the cause's message may quote a value: name the keys only
      throw new IllegalArgumentException(SettingNames.hikariPrefix(role) + ": " + String.join(", ", settings.keySet())
          + " do not all bind onto HikariConfig (an unknown name, or a value of the wrong type); it takes "
          + "HikariConfig property names with values of their type, such as connection-timeout=5000. Fix: correct the "
          + "name or value", e);
    }
  }
}
