package io.weaver.dbrouting.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a test class annotated with @PoolerStackTest gets: the URLs, injected and as system properties. */
@PoolerStackTest
class PoolerStackExtensionIT {

  private static PoolerUrls beforeAll;
  private final PoolerUrls constructed;

  PoolerStackExtensionIT(PoolerUrls urls) {
    this.constructed = urls;
  }

  @BeforeAll
  static void injectedIntoBeforeAll(PoolerUrls urls) {
    beforeAll = urls;
  }

  @Test
  void oneStackForConstructorsLifecycleAndTestMethods(PoolerUrls urls) {
    assertThat(urls).isEqualTo(constructed).isEqualTo(beforeAll);
  }

  @Test
  void threeEndpointsOnLoopbackOnDifferentPortsNone6543(PoolerUrls urls) {
    Set<Integer> ports = Set.of(port(urls.databaseUrl()), port(urls.workerDatabaseUrl()), port(urls.directUrl()));

    assertThat(ports).hasSize(3).doesNotContain(6543);
  }

  @Test
  void systemPropertiesHoldTheUrlsWhileTheStackRuns(PoolerUrls urls) {
    assertThat(System.getProperty("DATABASE_URL")).isEqualTo(urls.databaseUrl());
    assertThat(System.getProperty("WORKER_DATABASE_URL")).isEqualTo(urls.workerDatabaseUrl());
    assertThat(System.getProperty("WORKER_DATABASE_POOL_MODE")).isEqualTo("transaction");
    assertThat(System.getProperty("weaver.dbrouting.api.url")).isEqualTo(urls.databaseUrl());
    assertThat(System.getProperty("weaver.dbrouting.worker.url")).isEqualTo(urls.workerDatabaseUrl());
    assertThat(System.getProperty("weaver.dbrouting.worker.pool-mode")).isEqualTo("transaction");
  }

  @Test
  void theEnvironmentRoutesApiToTheSessionPoolerAndWorkerToTheTransactionPooler(PoolerUrls urls) throws SQLException {
    try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(urls.environment())) {
      assertThat(db.plan(DbRole.API).endpoint()).contains(":" + port(urls.databaseUrl()) + "/");
      assertThat(db.plan(DbRole.WORKER).endpoint()).contains(":" + port(urls.workerDatabaseUrl()) + "/");
      assertThat(db.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      try (Connection worker = db.forRole(DbRole.WORKER).getConnection(); Statement s = worker.createStatement();
          ResultSet rs = s.executeQuery("SELECT current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("weaver");
      }
    }
  }

  @Test
  void toStringHidesThePassword(PoolerUrls urls) {
    String password = URI.create(urls.databaseUrl()).getUserInfo().split(":", 2)[1];

    assertThat(urls.toString()).doesNotContain(password).contains("weaver:****@127.0.0.1:");
  }

  private static int port(String url) {
    return URI.create(url).getPort();
  }
}
