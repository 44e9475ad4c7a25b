package io.weaver.dbrouting;

import static io.weaver.dbrouting.UnconnectedDataSources.SESSION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.TRANSACTION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.build;
import static io.weaver.dbrouting.UnconnectedDataSources.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What each Hikari pool is given: JDBC URL, user, and pgjdbc data source properties; nothing here connects. */
class PoolPropertiesTests {

  @Test
  void transactionPoolNeverNamesStatementsAndSessionPoolDoes() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL)) {
      assertThat(pool(ds, DbRole.WORKER).getDataSourceProperties()).containsEntry("prepareThreshold", "0");
      assertThat(pool(ds, DbRole.API).getDataSourceProperties()).doesNotContainKey("prepareThreshold");
      assertThat(ds.plan(DbRole.WORKER).serverPreparedStatements()).isFalse();
      assertThat(ds.plan(DbRole.API).serverPreparedStatements()).isTrue();
    }
  }

  @Test
  void sessionPoolHonoursStatementCacheSizeZero() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL + "?statement_cache_size=0")) {
      assertThat(ds.plan(DbRole.API).serverPreparedStatements()).isFalse();
    }
  }

  @Test
  void bothPoolsGetRoleNamesKeepaliveAndAStartupPacketWithoutPostConnectSets() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL)) {
      for (DbRole role : DbRole.values()) {
        HikariDataSource pool = pool(ds, role);
        assertThat(pool.getPoolName()).isEqualTo(role == DbRole.API ? "weaver-api" : "weaver-worker");
        assertThat(pool.getDataSourceProperties())
            .containsEntry("ApplicationName", pool.getPoolName())
            .containsEntry("tcpKeepAlive", "true")
            .containsEntry("assumeMinServerVersion", "12");
        assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:" + (role == DbRole.API ? 5432 : 6543)
            + "/app");
        assertThat(pool.getUsername()).isEqualTo("app");
      }
    }
  }

  @Test
  void applicationNameFromTheUrlIsKeptWithTheRoleAppended() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL + "?application_name=billing")) {
      assertThat(ds.plan(DbRole.API).applicationName()).isEqualTo("billing-api");
      assertThat(ds.plan(DbRole.WORKER).applicationName()).isEqualTo("billing-worker");
    }
  }

  @Test
  void urlParametersBecomeStringDataSourceProperties() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL + "?sslmode=require&keepalives=0")) {
      assertThat(pool(ds, DbRole.API).getDataSourceProperties())
          .containsEntry("sslmode", "require")
          .containsEntry("tcpKeepAlive", "false");
    }
  }

  @Test
  void sslPasswordStaysOutOfTheJdbcUrlAndHikarisConfiguration() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL + "?sslmode=require&sslpassword=key%26pass")) {
      HikariDataSource api = pool(ds, DbRole.API);
      assertThat(api.getDataSourceProperties()).doesNotContainKey("sslpassword");
      assertThat(api.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app");
      assertThat(api.getDataSourceProperties()).containsEntry("sslmode", "require");
      assertThat(String.valueOf(api.getDataSource())).doesNotContain("key").doesNotContain("pass");
    }
  }
}
