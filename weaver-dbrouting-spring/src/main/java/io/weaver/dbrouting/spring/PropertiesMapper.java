package io.weaver.dbrouting.spring;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
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
    if (!pool.getHikari().isEmpty()) {
      Map<String, String> hikari = Map.copyOf(pool.getHikari());
      builder.customizeHikari(role, config -> bindHikari(role, hikari, config));
    }
  }

  private static void bindHikari(DbRole role, Map<String, String> settings, HikariConfig config) {
    Binder binder = new Binder(new MapConfigurationPropertySource(settings));
    try {
      binder.bind(ConfigurationPropertyName.EMPTY, Bindable.ofInstance(config), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    } catch (BindException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(SettingNames.hikariPrefix(role) + " does not bind onto HikariConfig ("
          + cause.getMessage() + "); use HikariConfig property names such as connection-timeout", e);
    }
  }
}
