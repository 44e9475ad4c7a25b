package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known pooler failures become one WARN each, with the fix, and reach the caller unchanged. */
@WithPoolerStack
class FailureHintsIT {
  private final PoolerStack stack;

  FailureHintsIT(PoolerStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  static void createTable(PoolerStack stack) throws SQLException {
    try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties())) {
      PreparedStatementLoad.createTable(connection);
    }
  }

  @Test
  void aSessionModeWorkerOnATransactionPoolerThatLosesNamedStatementsGetsThePreparedStatementHintOnce() throws Exception {
    try (LogCapture logs = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
            "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "0",
            "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "session",
            "WORKER_DATABASE_POOL_SIZE", "8", "WORKER_DATABASE_MAX_OVERFLOW", "0"))) {
      PreparedStatementLoad.Outcome outcome = PreparedStatementLoad.repeatedSelect(
          () -> RoleScope.call(DbRole.WORKER, ds::getConnection), 8, 200);

      List<String> hints = logs.messages(Level.WARN).stream()
          .filter(m -> m.contains("named server-side prepared statement")).toList();
      if (stack.keepsPreparedStatements()) {
        // PgBouncer 1.21+ with max_prepared_statements keeps named statements: no error, so nothing to hint at
        assertThat(outcome.errorsBySqlState()).isEmpty();
        assertThat(hints).isEmpty();
        return;
      }
      assertThat(outcome.namedStatementErrors()).as("the caller still sees every error").isPositive();
      assertThat(hints).hasSize(1);
      assertThat(hints.get(0)).startsWith("weaver-worker - ")
          .contains("mode SESSION (WORKER_DATABASE_POOL_MODE=session)")
          .contains("endpoint 127.0.0.1:" + stack.port(Endpoint.TRANSACTION) + "/weaver")
          .contains("Fix: this endpoint pools by transaction: set WORKER_DATABASE_POOL_MODE=transaction")
          .contains("The pool stops naming them")
          .doesNotContain(PoolerStack.PASSWORD);
    }
  }

  @Test
  void aPoolLargerThanTheSessionPoolersClientLimitGetsTheClientLimitHintOnce() throws Exception {
    int clients = PoolerStack.SESSION_MAX_CLIENT_CONN + 3;
    List<Connection> held = new ArrayList<>();
    try (LogCapture logs = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.builder()
            .environment(Map.of("DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_SIZE", "0",
                "DATABASE_MAX_OVERFLOW", String.valueOf(clients),
                "DATABASE_CLIENT_LIMIT", String.valueOf(PoolerStack.SESSION_MAX_CLIENT_CONN)))
            .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(1500)).build()) {
      assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m).startsWith("weaver-api - connection budget")
          .contains("1 process x " + clients + " (weaver-api) + 1 process x 15 (weaver-worker) = " + (clients + 15)
              + " of " + PoolerStack.SESSION_MAX_CLIENT_CONN + " (DATABASE_CLIENT_LIMIT)"));
      assertThatThrownBy(() -> {
        for (int i = 0; i < clients; i++) {
          held.add(ds.getConnection());
        }
      }).isInstanceOf(SQLException.class).hasMessageContaining("weaver-api - Connection is not available");

      List<String> hints = logs.messages(Level.WARN).stream()
          .filter(m -> m.contains("PgBouncer refuses more clients")).toList();
      assertThat(hints).hasSize(1);
      assertThat(hints.get(0)).startsWith("weaver-api - ").contains("no more connections allowed (max_client_conn)")
          .contains("Fix: the weaver-api pool may open " + clients + " connections per process")
          .doesNotContain(PoolerStack.PASSWORD);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void aPoolTimeoutNamesRoleModeEndpointAndPoolState() throws Exception {
    try (LogCapture logs = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.builder()
            .environment(Map.of("DATABASE_URL", stack.url(Endpoint.DIRECT), "DATABASE_POOL_SIZE", "1",
                "DATABASE_MAX_OVERFLOW", "0"))
            .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(300)).build();
        Connection held = ds.getConnection()) {
      assertThat(held.isValid(1)).isTrue();
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

      assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
          .startsWith("weaver-api - no connection became free in time; mode SESSION, endpoint 127.0.0.1:")
          .contains("pool total 1, active 1, idle 0").contains("maximumPoolSize 1"));
    }
  }
}
