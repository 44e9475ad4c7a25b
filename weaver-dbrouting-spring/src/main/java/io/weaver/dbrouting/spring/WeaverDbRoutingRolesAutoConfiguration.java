package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Each role's own beans, whenever the context has a {@link RoleAwareDataSource} (auto-configured or the
 * application's): the API and worker pools, a worker {@code JdbcTemplate} and transaction manager, and each role's
 * plan in the info endpoint. The role beans are qualified and not candidates for plain by-type injection, so an
 * unqualified {@code DataSource} stays the routing one and Boot's health and metrics see both pools.
 */
@AutoConfiguration(after = WeaverDbRoutingAutoConfiguration.class)
@ConditionalOnClass({RoleAwareDataSource.class, JdbcTemplate.class})
@ConditionalOnBean(RoleAwareDataSource.class)
public class WeaverDbRoutingRolesAutoConfiguration {

  @Bean(defaultCandidate = false, destroyMethod = "")
  @ApiDataSource
  DataSource apiDataSource(RoleAwareDataSource roleAwareDataSource) {
    return roleAwareDataSource.forRole(DbRole.API);
  }

  @Bean(defaultCandidate = false, destroyMethod = "")
  @WorkerDataSource
  DataSource workerDataSource(RoleAwareDataSource roleAwareDataSource) {
    return roleAwareDataSource.forRole(DbRole.WORKER);
  }

  @Bean(defaultCandidate = false)
  @WorkerDataSource
  JdbcTemplate workerJdbcTemplate(@WorkerDataSource DataSource workerDataSource) {
    return new JdbcTemplate(workerDataSource);
  }

  @Bean(defaultCandidate = false)
  @WorkerDataSource
  JdbcTransactionManager workerTransactionManager(@WorkerDataSource DataSource workerDataSource) {
    return new JdbcTransactionManager(workerDataSource);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
  static class FlywayRouteConfiguration {

    @Bean
    MigrationRouteCheck flywayRouteCheck(RoleAwareDataSource roleAwareDataSource) {
      return new MigrationRouteCheck(roleAwareDataSource, "Flyway");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "liquibase.Liquibase")
  static class LiquibaseRouteConfiguration {

    @Bean
    MigrationRouteCheck liquibaseRouteCheck(RoleAwareDataSource roleAwareDataSource) {
      return new MigrationRouteCheck(roleAwareDataSource, "Liquibase");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
  static class InfoConfiguration {

    /** Each role's plan under {@code dbrouting} in the info endpoint; no secrets. */
    @Bean
    @ConditionalOnMissingBean
    DbRoutingInfoContributor dbRoutingInfoContributor(RoleAwareDataSource roleAwareDataSource) {
      return new DbRoutingInfoContributor(roleAwareDataSource);
    }
  }
}
