package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code close()} leaves nothing of the data source running. */
@WithPoolerStack
@SuppressWarnings("try") // scopes are entered for their effect
class CloseIT {
  private final PoolerStack stack;

  CloseIT(PoolerStack stack) {
    this.stack = stack;
  }

  @Test
  void closeReturnsOnlyAfterThePoolModeChecksItStartedHaveEnded() throws Exception {
    RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_CHECK_POOL_MODE", "true",
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction",
        "WORKER_DATABASE_CHECK_POOL_MODE", "true"));
    try (Connection api = ds.getConnection()) {
      assertThat(api.isValid(1)).isTrue();
    }
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER); Connection worker = ds.getConnection()) {
      assertThat(worker.isValid(1)).isTrue();
    }
    assertThat(checkThreads()).as("checks running after first use").isPositive();

    ds.close();

    assertThat(checkThreads()).as("checks running once close() returned").isZero();
  }

  private static long checkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().endsWith("-mode-check") && thread.isAlive()).count();
  }
}
