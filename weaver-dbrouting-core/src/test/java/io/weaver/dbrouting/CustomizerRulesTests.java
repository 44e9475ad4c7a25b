package io.weaver.dbrouting;

import static io.weaver.dbrouting.UnconnectedDataSources.SESSION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.TRANSACTION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What {@code customizeHikari} may change, and what it is refused at build time; nothing here connects. */
class CustomizerRulesTests {

  @Test
  void customizerReachesFurtherHikariSettings() throws SQLException {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(1234))
        .customizeHikari(DbRole.WORKER, c -> c.setMaximumPoolSize(3))
        .build()) {
      assertThat(pool(ds, DbRole.WORKER).getConnectionTimeout()).isEqualTo(1234);
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(3);
      assertThat(pool(ds, DbRole.API).getConnectionTimeout()).isEqualTo(30_000);
    }
  }

  @Test
  void nonStringDataSourcePropertyIsRefusedBecausePgjdbcWouldIgnoreIt() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.API, c -> c.addDataSourceProperty("prepareThreshold", 0)).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("customizeHikari(API): data source property \"prepareThreshold\" is a Integer")
        .hasMessageContaining("pass its value as a String");
  }

  @Test
  void sessionStateOnATransactionPoolIsRefused() {
    RoleAwareDataSource.Builder builder = RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .workerDatabaseUrl(TRANSACTION_URL);
    assertThatThrownBy(() -> builder.customizeHikari(DbRole.WORKER,
        c -> c.setTransactionIsolation("TRANSACTION_SERIALIZABLE")).build())
        .hasMessageStartingWith("customizeHikari(WORKER): transactionIsolation makes every connection send SET")
        .hasMessageContaining("BEGIN ISOLATION LEVEL");
  }

  @Test
  void schemaAndInitSqlAndPrepareThresholdOnATransactionPoolAreRefused() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(TRANSACTION_URL)
        .customizeHikari(DbRole.API, c -> c.setSchema("app")).build())
        .hasMessageContaining("schema makes every connection send SET search_path");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(TRANSACTION_URL)
        .customizeHikari(DbRole.API, c -> c.setConnectionInitSql("SET jit = off")).build())
        .hasMessageContaining("connectionInitSql runs once per client connection");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(TRANSACTION_URL)
        .customizeHikari(DbRole.API, c -> c.addDataSourceProperty("prepareThreshold", "5")).build())
        .hasMessageContaining("prepareThreshold=5 makes pgjdbc name server-side prepared statements")
        .hasMessageContaining("poolMode(API, PoolMode)=session");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(TRANSACTION_URL)
        .customizeHikari(DbRole.API, c -> c.addDataSourceProperty("readOnlyMode", "always")).build())
        .hasMessageContaining("readOnlyMode=always");
  }

  @Test
  void sessionStateOnASessionPoolIsAllowed() throws SQLException {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.API, c -> c.setTransactionIsolation("TRANSACTION_SERIALIZABLE")).build()) {
      assertThat(pool(ds, DbRole.API).getTransactionIsolation()).isEqualTo("TRANSACTION_SERIALIZABLE");
    }
  }

  @Test
  void hikariRulesAreCheckedAtBuildTime() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(10)).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("customizeHikari(API): HikariCP refuses the pool settings");
  }

  @Test
  @SuppressWarnings("UnnecessaryStringBuilder") // a value that is not a String is the point of this test
  void customizerValuesAreNeverEchoed() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.API, c -> c.addDataSourceProperty("password", new StringBuilder("Sup3rS3cret")))
        .build())
        .hasMessageContaining("\"password\" is a StringBuilder").message().doesNotContain("Sup3rS3cret");
  }

  @Test
  void customizerMayNotReplaceTheConnection() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(TRANSACTION_URL)
        .customizeHikari(DbRole.API, c -> c.setJdbcUrl(c.getJdbcUrl() + "?prepareThreshold=5")).build())
        .hasMessageStartingWith("customizeHikari(API): it replaces the connection");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(TRANSACTION_URL)
        .customizeHikari(DbRole.API, c -> c.setDataSourceClassName("org.postgresql.ds.PGSimpleDataSource")).build())
        .hasMessageStartingWith("customizeHikari(API): it replaces the connection");
  }
}
