package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prepared statements setting: its values, its mode-dependent default, and what each does to a pool. */
class PreparedStatementsSettingTests {
  private static final String SESSION = "postgresql://u:p@db:5432/app";
  private static final String TRANSACTION = "postgresql://u:p@db:6543/app";

  private static Object threshold(RoleAwareDataSource ds, DbRole role) throws java.sql.SQLException {
    return ds.forRole(role).unwrap(HikariDataSource.class).getDataSourceProperties().get("prepareThreshold");
  }

  @Test
  void theDefaultIsOnInSessionModeAndOffInTransactionMode() throws Exception {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION).workerDatabaseUrl(TRANSACTION)
        .build()) {
      assertThat(ds.plan(DbRole.API).preparedStatements()).isEqualTo(PreparedStatements.ON);
      assertThat(ds.plan(DbRole.API).serverPreparedStatements()).isTrue();
      assertThat(threshold(ds, DbRole.API)).isNull();
      assertThat(ds.plan(DbRole.WORKER).preparedStatements()).isEqualTo(PreparedStatements.OFF);
      assertThat(ds.plan(DbRole.WORKER).serverPreparedStatements()).isFalse();
      assertThat(threshold(ds, DbRole.WORKER)).isEqualTo("0");
    }
    assertThat(Setting.PREPARED_STATEMENTS.defaultValue(DbRole.WORKER)).isNull();
    assertThat(Setting.PREPARED_STATEMENTS.defaultText(DbRole.WORKER))
        .isEqualTo("on in session mode, off in transaction mode");
    assertThat(Setting.PREPARED_STATEMENTS.builderMethod(DbRole.WORKER))
        .isEqualTo("preparedStatements(WORKER, PreparedStatements)");
    assertThat(Setting.PREPARED_STATEMENTS.property(DbRole.WORKER))
        .isEqualTo("weaver.dbrouting.worker.prepared-statements");
  }

  @Test
  void valuesAreReadInAnyCase() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION,
        "WORKER_DATABASE_URL", TRANSACTION, "DATABASE_PREPARED_STATEMENTS", " OFF ",
        "WORKER_DATABASE_PREPARED_STATEMENTS", "Auto"))) {
      assertThat(ds.plan(DbRole.API).preparedStatements()).isEqualTo(PreparedStatements.OFF);
      assertThat(ds.plan(DbRole.API).serverPreparedStatements()).isFalse();
      assertThat(ds.plan(DbRole.WORKER).preparedStatements()).isEqualTo(PreparedStatements.AUTO);
      assertThat(ds.plan(DbRole.WORKER).serverPreparedStatements()).as("off until the probe").isFalse();
    }
  }

  @Test
  void onNamesStatementsOnATransactionPoolWithTheUrlsThresholdOrPgjdbcsDefault() throws Exception {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION)
        .workerDatabaseUrl(TRANSACTION + "?prepareThreshold=2").preparedStatements(DbRole.WORKER, PreparedStatements.ON)
        .build()) {
      assertThat(ds.plan(DbRole.WORKER).serverPreparedStatements()).isTrue();
      assertThat(threshold(ds, DbRole.WORKER)).isEqualTo("2");
      assertThat(ds.plan(DbRole.WORKER).toString()).contains("server-side prepared statements on");
    }
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION).workerDatabaseUrl(TRANSACTION)
        .preparedStatements(DbRole.WORKER, PreparedStatements.ON).build()) {
      assertThat(threshold(ds, DbRole.WORKER)).isNull();
    }
  }

  @Test
  void aBadValueNamesTheSettingAsGivenTheValuesAndTheFix() {
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION,
        "WORKER_DATABASE_PREPARED_STATEMENTS", "yes")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("WORKER_DATABASE_PREPARED_STATEMENTS: \"yes\" is not a prepared statements setting")
        .hasMessageContaining("accepted values are off, on and auto")
        .hasMessageContaining("auto to probe the pooler at first use");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION)
        .preparedStatements(DbRole.API, null))
        .hasMessageStartingWith("preparedStatements(DbRole, PreparedStatements): the setting is null");
  }

  @Test
  void aCustomizerThatNamesStatementsOnATransactionPoolIsPointedToTheSetting() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION).workerDatabaseUrl(TRANSACTION)
        .customizeHikari(DbRole.WORKER, c -> c.addDataSourceProperty("prepareThreshold", "5")).build())
        .hasMessageContaining("prepareThreshold=5 makes pgjdbc name server-side prepared statements")
        .hasMessageContaining("set preparedStatements(WORKER, PreparedStatements)=auto or on");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl(SESSION).workerDatabaseUrl(TRANSACTION)
        .preparedStatements(DbRole.WORKER, PreparedStatements.ON)
        .customizeHikari(DbRole.WORKER, c -> c.addDataSourceProperty("prepareThreshold", "0")).build())
        .hasMessageContaining("do not change prepareThreshold on this pool");
  }

  @Test
  void theStartupReportExplainsEachPoolsDecision() {
    try (LogCapture log = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SESSION).workerDatabaseUrl(TRANSACTION)
            .preparedStatements(DbRole.WORKER, PreparedStatements.AUTO).build()) {
      assertThat(ds.isClosed()).isFalse();
      assertThat(log.messages(ch.qos.logback.classic.Level.INFO))
          .anySatisfy(m -> assertThat(m).startsWith("weaver-api - mode SESSION")
              .contains("server-side prepared statements on (session mode keeps them)"))
          .anySatisfy(m -> assertThat(m).startsWith("weaver-worker - mode TRANSACTION")
              .contains("server-side prepared statements off until the first use probes the pooler and sees it keep "
                  + "them (preparedStatements(WORKER, PreparedStatements)=auto)"));
    }
  }
}
