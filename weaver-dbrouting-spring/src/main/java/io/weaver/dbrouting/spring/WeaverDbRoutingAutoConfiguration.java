package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.RoleAwareDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a {@link RoleAwareDataSource} the application's {@code DataSource}, built from {@code DATABASE_URL} and
 * {@code WORKER_DATABASE_URL} (or {@code weaver.dbrouting.*}). It runs before Boot's own DataSource
 * auto-configuration, which then finds a DataSource and backs off; it backs off itself when the application defines a
 * {@code DataSource}, and is switched off by {@code weaver.dbrouting.enabled=false}.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass({RoleAwareDataSource.class, JdbcTemplate.class})
@ConditionalOnProperty(prefix = "weaver.dbrouting", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WeaverDbRoutingProperties.class)
@Import(WeaverDbRoutingAutoConfiguration.DataSourceConfiguration.class)
public class WeaverDbRoutingAutoConfiguration {
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(DataSource.class)
  static class DataSourceConfiguration {

    /** The application's DataSource: the API pool, or the worker pool inside a worker role. */
    @Bean(destroyMethod = "close")
    @Primary
    RoleAwareDataSource roleAwareDataSource(WeaverDbRoutingProperties properties, Environment environment,
        ObjectProvider<RoleAwareDataSourceCustomizer> customizers) {
      RoleAwareDataSource.Builder builder = RoleAwareDataSource.builder();
      new PropertiesMapper(properties, EnvironmentLookup.raw(environment)).applyTo(builder);
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return builder.build();
    }
  }
}
