package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.OwnPoolerStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The port rule end to end, against a transaction-mode PgBouncer really listening on 6543: the only test that needs
 * that port (every other one says the mode). Aborted when 6543 is taken on a developer machine; fails under CI=true.
 */
class TransactionPortInferenceIT {
  @Test
  void port6543IsInferredAsTransactionModeOnALiveConnection() throws SQLException {
    try (PoolerStack stack = OwnPoolerStack.withTransactionPort(PoolerStack.TRANSACTION_PORT); // aborts when taken
        RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
            "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "1",
            "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_SIZE", "1",
            "WORKER_DATABASE_MAX_OVERFLOW", "1"))) {
      assertThat(stack.port(Endpoint.TRANSACTION)).isEqualTo(6543);
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).contains("port 6543");
      assertThat(prepareThreshold(ds.forRole(DbRole.WORKER))).isZero();
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(prepareThreshold(ds.forRole(DbRole.API))).isEqualTo(5);
    }
  }

  private static int prepareThreshold(DataSource ds) throws SQLException {
    try (Connection connection = ds.getConnection()) {
      return connection.unwrap(PGConnection.class).getPrepareThreshold();
    }
  }
}
