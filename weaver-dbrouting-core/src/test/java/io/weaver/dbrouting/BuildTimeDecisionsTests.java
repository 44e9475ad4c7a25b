package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What building decides and logs once, and the bounds of the sizes it accepts; nothing here connects. */
@SuppressWarnings("try") // data sources are built for what they log
class BuildTimeDecisionsTests {
  private static final String SESSION_URL = "postgresql://app:pw@db.example.com:5432/app";
  private static final String TRANSACTION_URL = "postgresql://app:pw@db.example.com:6543/app";

  @Test
  void theStartLogSaysWhatWasDecidedForEachRoleAndTheFallback() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", SESSION_URL + "?socketTimeout=0", "WORKER_DATABASE_POOL_MODE", "transaction"))) {
      assertThat(log.messages(Level.INFO))
          .contains("weaver-worker - WORKER_DATABASE_URL is not set; the worker role uses DATABASE_URL "
              + "(db.example.com:5432/app)")
          .contains("weaver-api - mode SESSION (port 5432 is not the transaction-mode port 6543; set "
              + "DATABASE_POOL_MODE=transaction if this pooler runs in transaction mode); endpoint "
              + "db.example.com:5432/app; minimumIdle 20, maximumPoolSize 60; server-side prepared statements on (session mode keeps them); "
              + "socketTimeout none")
          .contains("weaver-worker - mode TRANSACTION (WORKER_DATABASE_POOL_MODE=transaction); endpoint "
              + "db.example.com:5432/app; minimumIdle 5, maximumPoolSize 15; server-side prepared statements off (transaction mode; WORKER_DATABASE_PREPARED_STATEMENTS=auto turns them on where a probe sees the pooler keep them); "
              + "socketTimeout none");
    }
  }

  @Test
  void aWorkerWithItsOwnUrlLogsNoFallbackAndItsSocketTimeoutInSeconds() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL))) {
      assertThat(log.messages(Level.INFO)).noneMatch(m -> m.contains("is not set"))
          .anyMatch(m -> m.startsWith("weaver-worker - mode TRANSACTION") && m.endsWith("; socketTimeout 60 s"));
    }
  }

  /** pgjdbc 42.7.7, the build's driver, is not affected by the getMetaData() defect: no WARN about it. */
  @Test
  void theDriverInUseIsNotReportedAsDefective() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", TRANSACTION_URL))) {
      assertThat(log.messages(Level.WARN)).noneMatch(m -> m.contains("pgjdbc issue #3896"));
    }
  }

  @Test
  void eachPoolReportsItsFailuresAndOpensConnectionsThroughThisLibrary() throws SQLException {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION_URL))) {
      for (DbRole role : DbRole.values()) {
        HikariDataSource pool = ds.forRole(role).unwrap(HikariDataSource.class);
        assertThat(pool.getExceptionOverride()).as("%s exception override", role).isNotNull();
        assertThat(pool.getDataSource()).as("%s data source", role).isNotNull();
      }
    }
  }

  @Test
  void aBlankApiUrlIsRefusedAsEmptyWhileABlankWorkerUrlFallsBack() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl("  "))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("databaseUrl(String): is empty");
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION_URL).workerDatabaseUrl(" ")
        .build()) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
    }
  }

  @Test
  void aPoolOfOneConnectionIsEnough() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .poolSize(DbRole.API, 1).maxOverflow(DbRole.API, 0).poolSize(DbRole.WORKER, 0).maxOverflow(DbRole.WORKER, 1)
        .build()) {
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(1);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isZero();
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(1);
    }
  }

  @Test
  void sizesMayAddUpToTheLargestIntButNotBeyond() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .poolSize(DbRole.API, 1).maxOverflow(DbRole.API, Integer.MAX_VALUE - 1).build()) {
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(Integer.MAX_VALUE);
    }
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .poolSize(DbRole.API, 2).maxOverflow(DbRole.API, Integer.MAX_VALUE - 1).build())
        .hasMessageStartingWith("maxOverflow(API, int): poolSize(API, int) + maxOverflow(API, int) is larger than any "
            + "pool can be");
  }

  @Test
  void aNamingFunctionThatGivesNothingKeepsTheVariableName() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder()
        .environment(Map.of("DATABASE_URL", SESSION_URL, "DATABASE_POOL_SIZE", "ten")::get, variable -> "")
        .build())
        .hasMessageStartingWith("DATABASE_POOL_SIZE: ");
    assertThatThrownBy(() -> RoleAwareDataSource.builder()
        .environment(Map.of("DATABASE_URL", SESSION_URL, "DATABASE_POOL_SIZE", "ten")::get,
            variable -> "weaver.db." + variable.toLowerCase(java.util.Locale.ROOT)).build())
        .hasMessageStartingWith("weaver.db.database_pool_size: ");
  }

  @Test
  void aScopeSaysItsRoleAndWhetherItIsClosed() {
    RoleScope scope = RoleScope.enter(DbRole.WORKER);
    assertThat(scope).hasToString("RoleScope[WORKER]");
    scope.close();
    assertThat(scope).hasToString("RoleScope[WORKER, closed]");
  }
}
