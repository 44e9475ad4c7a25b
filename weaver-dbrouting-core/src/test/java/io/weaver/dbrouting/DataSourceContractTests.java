package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The javax.sql.DataSource side of RoleAwareDataSource, and what building it checks; nothing here connects. */
class DataSourceContractTests {
  private static final String SESSION_URL = "postgresql://app:pw@db.example.com:5432/app";

  private static RoleAwareDataSource build() {
    return RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION_URL));
  }

  @Test
  void itUnwrapsToItselfAndToDataSourceOnly() throws SQLException {
    try (RoleAwareDataSource ds = build()) {
      assertThat(ds.unwrap(RoleAwareDataSource.class)).isSameAs(ds);
      assertThat(ds.unwrap(DataSource.class)).isSameAs(ds);
      assertThat(ds.isWrapperFor(DataSource.class)).isTrue();
      assertThat(ds.isWrapperFor(HikariDataSource.class)).isFalse();
      assertThatThrownBy(() -> ds.unwrap(HikariDataSource.class)).isInstanceOf(SQLException.class)
          .hasMessageContaining("is not a com.zaxxer.hikari.HikariDataSource; use forRole(DbRole.API)"
              + ".unwrap(HikariDataSource.class)");
    }
  }

  @Test
  void forRoleGivesEachRolesOwnPool() throws SQLException {
    try (RoleAwareDataSource ds = build()) {
      assertThat(ds.forRole(DbRole.API).unwrap(HikariDataSource.class).getPoolName()).isEqualTo("weaver-api");
      assertThat(ds.forRole(DbRole.WORKER).unwrap(HikariDataSource.class).getPoolName()).isEqualTo("weaver-worker");
      assertThatThrownBy(() -> ds.forRole(null)).isInstanceOf(NullPointerException.class).hasMessage("role");
      assertThatThrownBy(() -> ds.plan(null)).isInstanceOf(NullPointerException.class).hasMessage("role");
    }
  }

  @Test
  void theLogWriterIsKeptAndTheParentLoggerIsNotSupported() {
    try (RoleAwareDataSource ds = build()) {
      assertThat(ds.getLogWriter()).isNull();
      PrintWriter writer = new PrintWriter(new StringWriter());
      ds.setLogWriter(writer);
      assertThat(ds.getLogWriter()).isSameAs(writer);
      assertThatThrownBy(ds::getParentLogger).isInstanceOf(SQLFeatureNotSupportedException.class)
          .hasMessageContaining("logs through SLF4J");
    }
  }

  @Test
  void aLoginTimeoutOfZeroOrLessLeavesThePoolsAlone() throws SQLException {
    try (RoleAwareDataSource ds = build()) {
      assertThat(ds.getLoginTimeout()).isEqualTo(30);
      ds.setLoginTimeout(0);
      ds.setLoginTimeout(-1);
      assertThat(ds.getLoginTimeout()).isEqualTo(30);
      ds.setLoginTimeout(2);
      assertThat(ds.forRole(DbRole.API).unwrap(HikariDataSource.class).getConnectionTimeout()).isEqualTo(2000);
      assertThat(ds.forRole(DbRole.WORKER).unwrap(HikariDataSource.class).getConnectionTimeout()).isEqualTo(2000);
    }
  }

  @Test
  void getConnectionUsesThePoolOfTheCurrentRoleAndSaysWhichEndpointFailed() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder()
        .databaseUrl("postgresql://app:pw@127.0.0.1:1/app").workerDatabaseUrl("postgresql://app:pw@127.0.0.1:2/app")
        .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(250))
        .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(250)).build()) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageStartingWith("mode SESSION, endpoint 127.0.0.1:1/app: weaver-api - Connection is not available");
      assertThatThrownBy(() -> RoleScope.call(DbRole.WORKER, ds::getConnection))
          .isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageStartingWith("mode SESSION, endpoint 127.0.0.1:2/app: weaver-worker - Connection is not");
    }
  }

  @Test
  void toStringShowsBothPlansAndWhetherItIsClosed() {
    RoleAwareDataSource ds = build();
    assertThat(ds.toString()).startsWith("RoleAwareDataSource[weaver-api - mode SESSION")
        .contains("; weaver-worker - mode SESSION").doesNotContain("closed");
    assertThat(ds.isClosed()).isFalse();
    ds.close();
    assertThat(ds.toString()).endsWith("; closed]");
  }

  @Test
  void aPlanSaysWhatWasDecidedInOneLine() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION_URL,
        "WORKER_DATABASE_POOL_MODE", "transaction"))) {
      assertThat(ds.plan(DbRole.API)).hasToString("weaver-api - mode SESSION (port 5432 is not the transaction-mode "
          + "port 6543; set DATABASE_POOL_MODE=transaction if this pooler runs in transaction mode), endpoint "
          + "db.example.com:5432/app, minimumIdle 20, maximumPoolSize 60, server-side prepared statements on, "
          + "socketTimeout 300 s");
      assertThat(ds.plan(DbRole.WORKER)).hasToString("weaver-worker - mode TRANSACTION "
          + "(WORKER_DATABASE_POOL_MODE=transaction), endpoint db.example.com:5432/app (fallback to DATABASE_URL), "
          + "minimumIdle 5, maximumPoolSize 15, server-side prepared statements off, socketTimeout 60 s");
      assertThat(ds.plan(DbRole.WORKER).role()).isEqualTo(DbRole.WORKER);
      assertThat(ds.plan(DbRole.WORKER).poolName()).isEqualTo("weaver-worker");
      assertThat(ds.plan(DbRole.WORKER).processes()).isEqualTo(1);
    }
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL",
        SESSION_URL + "?socketTimeout=0"))) {
      assertThat(ds.plan(DbRole.API).toString()).endsWith(", socketTimeout none");
      assertThat(ds.plan(DbRole.API).socketTimeoutSeconds()).isZero();
    }
  }

  @Test
  void theSessionModeReasonNamesTheFirstPortThatIsNotTheTransactionPort() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL",
        "postgresql://app:pw@a:6543,b:6432,c:5432/app"))) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.API).modeReason()).startsWith("port 6432 is not the transaction-mode port 6543");
    }
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL",
        "postgresql://app:pw@a:6543,b:6543/app"))) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.API).modeReason())
          .isEqualTo("port 6543 is the transaction-mode port of Supabase's pooler");
    }
  }

  @Test
  void aPgbouncerHintOfFalseLeavesTheModeToThePort() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL",
        SESSION_URL + "?pgbouncer=false"))) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
    }
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL",
        SESSION_URL + "?pgbouncer=true"))) {
      assertThat(ds.plan(DbRole.API).modeReason()).isEqualTo("pgbouncer=true in DATABASE_URL");
    }
  }

  /** HikariCP's validate() refuses a pool name with ':' when JMX beans are registered; the setter alone does not. */
  @Test
  void hikariRulesThatOnlyValidateChecksAreAppliedAtBuildTime() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.WORKER, c -> {
          c.setRegisterMbeans(true);
          c.setPoolName("weaver:worker");
        }).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("customizeHikari(WORKER): HikariCP refuses the pool settings: poolName cannot "
            + "contain ':'")
        .hasMessageContaining("Fix: correct the HikariCP setting it names")
        .cause().isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCustomizerThatThrowsIsReportedAsAHikariRefusal() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION_URL)
        .customizeHikari(DbRole.API, c -> {
          throw new IllegalStateException("sealed");
        }).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("customizeHikari(API): HikariCP refuses the pool settings: sealed");
  }
}
