package io.weaver.dbrouting.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.test.PoolerStackTest;
import io.weaver.dbrouting.test.PoolerUrls;
import java.net.URI;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A @SpringBootTest with weaver-dbrouting-spring and no database configuration of its own reaches the stack. */
@PoolerStackTest
@SpringBootTest(classes = SpringBootRegistrarIT.Application.class, properties = "spring.main.banner-mode=off")
class SpringBootRegistrarIT {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {
  }

  @Autowired
  DataSource dataSource;
  @Autowired
  RoleAwareDataSource roleAware;
  @Autowired
  ConfigurableEnvironment environment;

  @Test
  void theApplicationsDataSourceRoutesToBothPoolers(PoolerUrls urls) {
    assertThat(dataSource).isSameAs(roleAware);
    assertThat(roleAware.plan(DbRole.API).endpoint()).contains(":" + URI.create(urls.databaseUrl()).getPort() + "/");
    assertThat(roleAware.plan(DbRole.WORKER).endpoint())
        .contains(":" + URI.create(urls.workerDatabaseUrl()).getPort() + "/");
    assertThat(roleAware.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
    assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT current_user", String.class)).isEqualTo("weaver");
  }

  @Test
  void theUrlsComeFirstFromTheKitsPropertySource(PoolerUrls urls) {
    List<String> names = environment.getPropertySources().stream().map(PropertySource::getName).toList();

    // ahead of @SpringBootTest(properties = ...), system properties and application properties, as
    // @DynamicPropertySource would be (Boot puts a few views and sources of its own further ahead)
    assertThat(names).containsSubsequence("weaver-dbrouting-test", "Inlined Test Properties", "systemProperties");
    assertThat(environment.getPropertySources().get("weaver-dbrouting-test").getProperty("weaver.dbrouting.api.url"))
        .isEqualTo(urls.databaseUrl());
  }
}
