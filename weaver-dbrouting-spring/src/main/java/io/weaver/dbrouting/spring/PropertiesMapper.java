package io.weaver.dbrouting.spring;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.RoleAwareDataSource;
import java.util.Map;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Maps {@code weaver.dbrouting.*} onto the core builder: only what is set, so unset keys leave the environment's. */
final class PropertiesMapper {
  private final WeaverDbRoutingProperties properties;

  PropertiesMapper(WeaverDbRoutingProperties properties) {
    this.properties = properties;
  }

  void applyTo(RoleAwareDataSource.Builder builder) {
    if (properties.getDatabaseUrl() != null) {
      builder.databaseUrl(properties.getDatabaseUrl());
    }
    if (properties.getWorkerDatabaseUrl() != null) {
      builder.workerDatabaseUrl(properties.getWorkerDatabaseUrl());
    }
    apply(builder, DbRole.API, properties.getApi());
    apply(builder, DbRole.WORKER, properties.getWorker());
  }

  private static void apply(RoleAwareDataSource.Builder builder, DbRole role, WeaverDbRoutingProperties.Role pool) {
    if (pool.getPoolSize() != null) {
      builder.poolSize(role, pool.getPoolSize());
    }
    if (pool.getMaxOverflow() != null) {
      builder.maxOverflow(role, pool.getMaxOverflow());
    }
    if (pool.getPoolMode() != null) {
      builder.poolMode(role, pool.getPoolMode());
    }
    if (pool.getCheckPoolMode() != null) {
      builder.checkPoolMode(role, pool.getCheckPoolMode());
    }
    if (pool.getProcesses() != null) {
      builder.processes(role, pool.getProcesses());
    }
    if (pool.getClientLimit() != null) {
      builder.clientLimit(role, pool.getClientLimit());
    }
    pool.getServerSettings().forEach((name, value) -> builder.serverSetting(role, name, value));
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
