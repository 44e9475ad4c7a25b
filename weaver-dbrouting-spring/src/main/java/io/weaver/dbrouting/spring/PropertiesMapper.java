package io.weaver.dbrouting.spring;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.Setting;
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
 * Maps {@code weaver.dbrouting.*} onto the core builder, setting by setting of core's {@link Setting} catalogue. A
 * set property ({@link Setting#property}, else its deprecated alias {@link Setting#deprecatedProperty}) is handed to
 * core in place of the variable it stands for ({@link Setting#variable}), under the key the user set: core then never
 * reads the variable (not even an invalid one) and names the setting by that key in messages and logs. Where no
 * property is set, core reads the variable and names it as it is. The hikari maps, which have no variable, become
 * {@code customizeHikari} calls.
 */
final class PropertiesMapper {
  private final WeaverDbRoutingProperties properties;
  private final Function<String, @Nullable String> environment;

  /** @param environment the raw environment lookup, by variable name */
  PropertiesMapper(WeaverDbRoutingProperties properties, Function<String, @Nullable String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** {@code weaver.dbrouting.worker.hikari}: the map that {@code customizeHikari(WORKER)} carries. */
  static String hikariPrefix(DbRole role) {
    return "weaver.dbrouting." + role.name().toLowerCase(Locale.ROOT) + ".hikari";
  }

  void applyTo(RoleAwareDataSource.Builder builder) {
    Map<String, Given> given = new HashMap<>();
    for (DbRole role : DbRole.values()) {
      for (Setting setting : Setting.values()) {
        Given value = given(setting, role);
        if (value != null) {
          given.put(setting.variable(role), value);
        }
      }
    }
    builder.environment(
        variable -> given.containsKey(variable) ? given.get(variable).text() : environment.apply(variable),
        variable -> given.containsKey(variable) ? given.get(variable).key() : variable);
    for (DbRole role : DbRole.values()) {
      applyBuilderOnly(builder, role, roleProperties(role));
    }
  }

  /** A property's value in the variable's syntax, and the key it was set under. */
  private record Given(String text, String key) {}

  /** The property that stands for {@code setting}'s variable, if set; the current key beats the deprecated one. */
  private @Nullable Given given(Setting setting, DbRole role) {
    String text = text(value(setting, roleProperties(role)));
    if (text != null) {
      return new Given(text, setting.property(role));
    }
    String deprecated = text(deprecatedValue(setting, role));
    String deprecatedKey = setting.deprecatedProperty(role);
    return deprecated == null || deprecatedKey == null ? null : new Given(deprecated, deprecatedKey);
  }

  private WeaverDbRoutingProperties.Role roleProperties(DbRole role) {
    return role == DbRole.WORKER ? properties.getWorker() : properties.getApi();
  }

  /** The bound value of {@code setting.property(role)}; every catalogue setting has one. */
  private static @Nullable Object value(Setting setting, WeaverDbRoutingProperties.Role pool) {
    return switch (setting) {
      case URL -> pool.getUrl();
      case POOL_SIZE -> pool.getPoolSize();
      case MAX_OVERFLOW -> pool.getMaxOverflow();
      case PROCESSES -> pool.getProcesses();
      case CLIENT_LIMIT -> pool.getClientLimit();
      case SERVER_SETTINGS -> pool.getServerSettings();
      case CHECK_POOL_MODE -> pool.getCheckPoolMode();
      case POOL_MODE -> pool.getPoolMode();
      case PREPARED_STATEMENTS -> pool.getPreparedStatements();
    };
  }

  /** The bound value of {@code setting.deprecatedProperty(role)}, or {@code null} when it has none. */
  @SuppressWarnings("deprecation") // reading the deprecated keys is what keeps them working
  private @Nullable Object deprecatedValue(Setting setting, DbRole role) {
    if (setting != Setting.URL) {
      return null;
    }
    return role == DbRole.WORKER ? properties.getWorkerDatabaseUrl() : properties.getDatabaseUrl();
  }

  /**
   * A value in its variable's syntax, or {@code null} when unset: a blank property counts as unset, as a blank variable
   * does, and the variable applies. Server settings that the syntax cannot carry become an empty text, so that the
   * variable stays unread and they go through the builder.
   */
  private static @Nullable String text(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return null;
      }
      @SuppressWarnings("unchecked") // the server settings are a Map<String, String>
      Map<String, String> settings = (Map<String, String>) map;
      return fitVariableSyntax(settings) ? settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(",")) : "";
    }
    if (value instanceof PoolMode || value instanceof PreparedStatements) {
      return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
    }
    return value == null || value.toString().isBlank() ? null : value.toString();
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
      try {
        settings.forEach((name, value) -> builder.serverSetting(role, name, value));
      } catch (InvalidSettingException e) {
        // core names the builder method; the user wrote the property (not chained: the root cause is what Boot shows)
        throw new InvalidSettingException(Setting.SERVER_SETTINGS.property(role), e.problem(), e.rule(), e.fix());
      }
    }
    if (!pool.getHikari().isEmpty()) {
      Map<String, String> hikari = Map.copyOf(pool.getHikari());
      checkHikariKeys(role, hikari);
      builder.customizeHikari(role, config -> bindHikari(role, hikari, config));
    }
  }

  /** HikariCP settings this library owns, with what to do instead ({URL} and friends: the role's property). */
  private static final Map<String, String> OWNED = Map.of(
      "pool-name", "the pool names are weaver-api and weaver-worker (metrics and logs rely on them)",
      "jdbc-url", "set the URL with {URL}",
      "username", "put the user in the URL",
      "password", "put the password in the URL",
      "data-source", "set the URL with {URL}",
      "data-source-class-name", "set the URL with {URL}",
      "minimum-idle", "use {POOL_SIZE}",
      "maximum-pool-size", "use {POOL_SIZE} and {MAX_OVERFLOW}");

  /** Refuses, by full name, keys HikariConfig does not have and keys this library sets itself. */
  private static void checkHikariKeys(DbRole role, Map<String, String> settings) {
    for (String key : settings.keySet()) {
      String name = hikariPrefix(role) + "." + key;
      String owned = OWNED.get(ConfigurationPropertyName.adapt(key, '.').toString());
      if (owned != null) {
        for (Setting setting : Setting.values()) {
          owned = owned.replace("{" + setting.name() + "}", setting.property(role));
        }
        throw new InvalidSettingException(name, "is set by weaver-dbrouting",
            "this HikariCP setting follows the role's settings", "remove it; " + owned);
      }
    }
    try {
      bindHikari(role, settings, new HikariConfig());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(hikariPrefix(role), String.join(", ", settings.keySet())
          + " do not all bind onto HikariConfig (an unknown name, or a value of the wrong type)",
          "it takes HikariConfig property names with values of their type, such as connection-timeout=5000",
          "correct the name or value");
    }
  }

  private static void bindHikari(DbRole role, Map<String, String> settings, HikariConfig config) {
    Binder binder = new Binder(new MapConfigurationPropertySource(settings));
    try {
      binder.bind(ConfigurationPropertyName.EMPTY, Bindable.ofInstance(config), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    } catch (BindException e) {
      // the cause's message may quote a value: name the keys only
      throw new IllegalArgumentException(hikariPrefix(role) + ": " + String.join(", ", settings.keySet())
          + " do not all bind onto HikariConfig (an unknown name, or a value of the wrong type); it takes "
          + "HikariConfig property names with values of their type, such as connection-timeout=5000. Fix: correct the "
          + "name or value", e);
    }
  }
}
