package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decisions made at build time; nothing here connects. */
class RoleAwareDataSourceTest {
  private static final String SESSION_URL = "postgresql://app:pw@db.example.com:5432/app";
  private static final String TRANSACTION_URL = "postgresql://app:pw@db.example.com:6543/app";

  private static RoleAwareDataSource build(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return RoleAwareDataSource.fromEnvironment(env);
  }

  private static HikariDataSource pool(RoleAwareDataSource ds, DbRole role) throws SQLException {
    return ds.forRole(role).unwrap(HikariDataSource.class);
  }

  @Test
  void workerFallsBackToDatabaseUrlWhenWorkerUrlIsUnset() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
      assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("db.example.com:5432/app");
      assertThat(ds.plan(DbRole.API).fellBack()).isFalse();
    }
  }

  @Test
  void workerFallsBackToDatabaseUrlWhenWorkerUrlIsBlank() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", "  ")) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
    }
  }

  @Test
  void fallbackWorkerTakesTheApiMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", TRANSACTION_URL)) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).startsWith("falls back to the API endpoint");
    }
  }

  @Test
  void fallbackWorkerTakesItsOwnExplicitMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_POOL_MODE", "transaction")) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).isEqualTo("WORKER_DATABASE_POOL_MODE=transaction");
    }
  }

  @Test
  void port6543MeansTransactionModeAndOtherPortsSessionMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL)) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.API).modeReason()).startsWith("port 5432 is not the transaction-mode port 6543");
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).contains("port 6543");
    }
  }

  @Test
  void pgbouncerHintMeansTransactionMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL,
        "WORKER_DATABASE_URL", "postgresql://app:pw@bouncer:6432/app?pgbouncer=true")) {
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).isEqualTo("pgbouncer=true in WORKER_DATABASE_URL");
    }
  }

  @Test
  void explicitModeWinsOverPortAndHint() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", TRANSACTION_URL + "?pgbouncer=true",
        "DATABASE_POOL_MODE", " Session ")) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.API).modeReason()).isEqualTo("DATABASE_POOL_MODE=session");
    }
  }

  @Test
  void autoModeIsTheSameAsUnset() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", TRANSACTION_URL, "DATABASE_POOL_MODE", "AUTO")) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
    }
  }

  @Test
  void sizesDefaultToSqlalchemyStyleValues() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(20);
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(60);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isEqualTo(5);
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(15);
    }
  }

  @Test
  void defaultsArePinned() {
    assertThat(RoleAwareDataSource.DEFAULT_API_POOL_SIZE).isEqualTo(20);
    assertThat(RoleAwareDataSource.DEFAULT_API_MAX_OVERFLOW).isEqualTo(40);
    assertThat(RoleAwareDataSource.DEFAULT_WORKER_POOL_SIZE).isEqualTo(5);
    assertThat(RoleAwareDataSource.DEFAULT_WORKER_MAX_OVERFLOW).isEqualTo(10);
  }

  @Test
  void sizesComeFromTheEnvironmentAndBlankMeansDefault() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "DATABASE_POOL_SIZE", " 3 ",
        "DATABASE_MAX_OVERFLOW", "2", "WORKER_DATABASE_POOL_SIZE", "0", "WORKER_DATABASE_MAX_OVERFLOW", "")) {
      assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(3);
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(5);
      assertThat(pool(ds, DbRole.API).getMinimumIdle()).isEqualTo(3);
      assertThat(pool(ds, DbRole.API).getMaximumPoolSize()).isEqualTo(5);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isZero();
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(10);
    }
  }

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
  void buildingOpensNoConnection() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", "postgresql://app:pw@127.0.0.1:1/app",
        "WORKER_DATABASE_URL", "postgresql://app:pw@no-such-host.invalid:6543/app")) {
      assertThat(pool(ds, DbRole.API).isRunning()).isFalse();
      assertThat(pool(ds, DbRole.WORKER).isRunning()).isFalse();
    }
  }

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
  void builderSetsEverySettingTheEnvironmentHas() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder()
        .databaseUrl(SESSION_URL).workerDatabaseUrl(SESSION_URL)
        .poolMode(DbRole.API, PoolMode.SESSION).poolMode(DbRole.WORKER, PoolMode.TRANSACTION)
        .poolSize(DbRole.API, 2).maxOverflow(DbRole.API, 1).poolSize(DbRole.WORKER, 4).maxOverflow(DbRole.WORKER, 0)
        .build()) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isFalse();
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).isEqualTo("poolMode(WORKER, PoolMode)=transaction");
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(3);
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(4);
    }
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

  @Test
  void environmentAfterBuilderKeepsTheBuilderValuesItDoesNotHave() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder()
        .workerDatabaseUrl(TRANSACTION_URL).poolMode(DbRole.API, PoolMode.TRANSACTION).poolSize(DbRole.API, 2)
        .environment(Map.of("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_POOL_SIZE", " "))
        .build()) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isFalse();
      assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("db.example.com:6543/app");
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.API).modeReason()).isEqualTo("poolMode(API, PoolMode)=transaction");
      assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(2);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isEqualTo(5);
    }
    assertThatThrownBy(() -> RoleAwareDataSource.builder().poolSize(DbRole.API, 0).maxOverflow(DbRole.API, 0)
        .environment(Map.of("DATABASE_URL", SESSION_URL)).build())
        .hasMessageStartingWith("poolSize(API, int): poolSize(API, int)=0 and maxOverflow(API, int)=0");
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

  @Test
  void loginTimeoutSetsBothPoolsConnectionTimeout() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      ds.setLoginTimeout(5);
      assertThat(ds.getLoginTimeout()).isEqualTo(5);
      assertThat(pool(ds, DbRole.WORKER).getConnectionTimeout()).isEqualTo(5000);
    }
  }

  @Test
  void closeClosesBothPoolsAndLaterUseFailsClearly() throws SQLException {
    RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL);
    HikariDataSource api = pool(ds, DbRole.API);
    HikariDataSource worker = pool(ds, DbRole.WORKER);

    ds.close();
    ds.close();

    assertThat(ds.isClosed()).isTrue();
    assertThat(api.isClosed()).isTrue();
    assertThat(worker.isClosed()).isTrue();
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
        .hasMessageContaining("RoleAwareDataSource is closed");
    assertThatThrownBy(() -> ds.forRole(DbRole.WORKER)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RoleAwareDataSource is closed");
  }

  @Test
  void toStringAndPlansHoldNoPassword() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", "postgresql://app:Sup3rS3cret@h:5432/app?sslpassword=Sup3rS3cret")) {
      assertThat(ds.toString()).doesNotContain("Sup3rS3cret").contains("weaver-api - mode SESSION");
      assertThat(ds.plan(DbRole.API).toString()).doesNotContain("Sup3rS3cret");
    }
  }

  @Test
  void unwrapPointsAtForRole() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      assertThatThrownBy(() -> ds.unwrap(HikariDataSource.class)).hasMessageContaining("forRole(DbRole.API)");
      assertThatThrownBy(() -> ds.getConnection("u", "p")).hasMessageContaining("getConnection() without arguments");
    }
  }
}
