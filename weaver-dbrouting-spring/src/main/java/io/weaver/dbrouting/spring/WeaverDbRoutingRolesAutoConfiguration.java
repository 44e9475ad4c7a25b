package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import java.lang.reflect.Method;
import javax.sql.DataSource;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Each role's own beans, whenever the context has a {@link RoleAwareDataSource} (auto-configured or the
 * application's): {@link UseDbRole} routing, a role-propagating {@code TaskDecorator}, the API and worker pools, a
 * worker {@code JdbcTemplate} and transaction manager, a check of the pool migrations use, and each role's plan in
 * the info endpoint. The role beans are qualified and not candidates for plain by-type injection, so an
 * unqualified {@code DataSource} stays the routing one and Boot's health and metrics see both pools.
 */
@AutoConfiguration(after = WeaverDbRoutingAutoConfiguration.class)
@ConditionalOnClass({RoleAwareDataSource.class, JdbcTemplate.class})
@ConditionalOnProperty(prefix = "weaver.dbrouting", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(RoleAwareDataSource.class)
public class WeaverDbRoutingRolesAutoConfiguration {
  /** A class only Spring Boot 4 has: its JDBC auto-configuration moved into its own module. */
  static final String BOOT_4_MARKER = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

  /** Runs before the transaction interceptor (and any ordinary advice), so a transaction binds the role's pool. */
  public static final int USE_DB_ROLE_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  /** Routes {@link UseDbRole} methods; infrastructure role so Boot's proxy creator applies it like the tx advisor. */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor useDbRoleAdvisor() {
    StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {
      @Override
      public boolean matches(Method method, Class<?> targetClass) {
        return UseDbRoleInterceptor.find(method, targetClass, null) != null;
      }
    };
    DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut, new UseDbRoleInterceptor());
    advisor.setOrder(USE_DB_ROLE_ORDER);
    return advisor;
  }

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

  /** Boot 4 applies every TaskDecorator bean (composed), so role propagation joins the application's own. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = BOOT_4_MARKER)
  static class TaskDecoratorConfiguration {

    @Bean
    RoleScopeTaskDecorator roleScopeTaskDecorator() {
      return RoleScopeTaskDecorator.propagating();
    }
  }

  /** Boot 3.5 applies a TaskDecorator only when it is the only one, so back off when the application has one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(BOOT_4_MARKER)
  static class SingleTaskDecoratorConfiguration {

    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    RoleScopeTaskDecorator roleScopeTaskDecorator() {
      return RoleScopeTaskDecorator.propagating();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
  @ConditionalOnProperty(prefix = "spring.flyway", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class FlywayRouteConfiguration {

    @Bean
    MigrationRouteCheck flywayRouteCheck(RoleAwareDataSource roleAwareDataSource) {
      return new MigrationRouteCheck(roleAwareDataSource, "Flyway");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "liquibase.Liquibase")
  @ConditionalOnProperty(prefix = "spring.liquibase", name = "enabled", havingValue = "true", matchIfMissing = true)
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
