package io.weaver.dbrouting.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.test.PoolerStackTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The examples' own stack when port 6543 is taken: the transaction pooler moves, the worker keeps its mode. */
@PoolerStackTest // fails, saying what to install, where the programs the examples' own stack needs are missing
class LocalDatabaseIT {

  @Test
  @SuppressWarnings("try") // the socket is held for its effect
  void withPort6543TakenTheWorkerStillRunsInTransactionMode() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    try (ServerSocket holder = holdWhileFree(PoolerStack.TRANSACTION_PORT)) {
      LocalDatabase.withEnvironment(out, environment -> {
        assertThat(environment).containsEntry("WORKER_DATABASE_POOL_MODE", "transaction");
        try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(environment);
            Connection worker = ds.forRole(DbRole.WORKER).getConnection()) {
          assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
          assertThat(ds.plan(DbRole.WORKER).endpoint()).doesNotContain(":6543/");
          assertThat(worker.unwrap(PGConnection.class).getPrepareThreshold()).isZero();
        }
        return null;
      });
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("transaction on :").doesNotContain(":6543");
  }

  /** Binds the port for the caller, or returns an unbound socket when another program holds it already. */
  private static ServerSocket holdWhileFree(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
    } catch (IOException taken) {
      // held by someone else: just as good
    }
    return socket;
  }
}
