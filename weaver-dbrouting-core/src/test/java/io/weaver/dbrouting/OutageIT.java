package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A pool's first use while its endpoint is down, refuses the login or speaks no TLS, and a call that outlives the
 * stall bound: every caller gets an answer in bounded time, naming role, mode and endpoint, and the log has one WARN
 * per pool whose fix fits the cause.
 */
@WithPoolerStack
@SuppressWarnings("try") // scopes are entered for their effect
class OutageIT {
  private static final int CALLERS = 8;
  private static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

  private final PoolerStack stack;

  OutageIT(PoolerStack stack) {
    this.stack = stack;
  }

  @Test
  void concurrentFirstCallersToAnUnreachableEndpointAllFailWithinTheConnectionTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      closedPort = socket.getLocalPort();
    }
    String url = "postgresql://weaver:secret@127.0.0.1:" + closedPort + "/weaver";

    List<String> warnings = firstUseByConcurrentCallers(url, "127.0.0.1:" + closedPort + "/weaver");

    assertThat(warnings).singleElement().asString()
        .startsWith("weaver-worker - nothing answers at the endpoint")
        .contains("check the host and port in WORKER_DATABASE_URL");
  }

  @Test
  void concurrentFirstCallersWithAWrongPasswordAllFailWithinTheConnectionTimeout() throws Exception {
    String url = stack.url(Endpoint.TRANSACTION).replace("weaver:", "weaver:wrong");

    List<String> warnings = firstUseByConcurrentCallers(url, stack.host() + ":" + stack.port(Endpoint.TRANSACTION));

    assertThat(warnings).singleElement().asString()
        .startsWith("weaver-worker - the endpoint refuses the login")
        .contains("check the user and password in WORKER_DATABASE_URL");
  }

  @Test
  void concurrentFirstCallersAskingForTlsWhereThereIsNoneAllFailWithinTheConnectionTimeout() throws Exception {
    String url = stack.url(Endpoint.DIRECT) + "?sslmode=require";

    List<String> warnings = firstUseByConcurrentCallers(url, stack.host() + ":" + stack.port(Endpoint.DIRECT));

    assertThat(warnings).singleElement().asString()
        .startsWith("weaver-worker - the TLS handshake with the endpoint failed")
        .contains("sslmode=prefer or disable");
  }

  @Test
  void aCallThatOutlivesTheSocketTimeoutFailsThenAndIsExplainedOnce() throws Exception {
    try (LogCapture log = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
            "DATABASE_URL", stack.url(Endpoint.SESSION),
            "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION) + "?socketTimeout=1",
            "WORKER_DATABASE_POOL_MODE", "transaction"))) {
      assertThat(ds.plan(DbRole.WORKER).socketTimeoutSeconds()).isEqualTo(1);
      assertThat(ds.plan(DbRole.API).socketTimeoutSeconds()).isEqualTo(300);
      DataSource worker = ds.forRole(DbRole.WORKER);
      for (int i = 0; i < 2; i++) {
        long started = System.nanoTime();
        try (Connection connection = worker.getConnection(); Statement statement = connection.createStatement()) {
          assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(3)")).isInstanceOf(SQLException.class)
              .hasMessageContaining("I/O error");
        }
        assertThat(millisSince(started)).isLessThan(2_500);
      }
      try (Connection connection = worker.getConnection(); Statement statement = connection.createStatement()) {
        assertThat(statement.execute("SELECT 1")).as("a fresh connection works").isTrue();
      }

      assertThat(log.messages(Level.WARN)).singleElement().asString()
          .startsWith("weaver-worker - the endpoint sent nothing for as long as socketTimeout allows")
          .contains("endpoint " + stack.host() + ":" + stack.port(Endpoint.TRANSACTION))
          .contains("socketTimeout=SECONDS (0 = none) in WORKER_DATABASE_URL");
    }
  }

  /** Returns the WARN lines logged while {@value #CALLERS} callers make the worker pool's first getConnection(). */
  private List<String> firstUseByConcurrentCallers(String workerUrl, String endpoint) throws Exception {
    try (LogCapture log = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.builder().environment(Map.of(
                "DATABASE_URL", stack.url(Endpoint.SESSION),
                "WORKER_DATABASE_URL", workerUrl,
                "WORKER_DATABASE_POOL_MODE", "transaction"))
            .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS)).build()) {
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      try {
        List<Future<Long>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          answers.add(callers.submit((Callable<Long>) () -> {
            start.await();
            long started = System.nanoTime();
            try (RoleScope scope = RoleScope.enter(DbRole.WORKER)) {
              assertThatThrownBy(ds::getConnection)
                  .isInstanceOf(SQLTransientConnectionException.class)
                  .hasMessageContaining("weaver-worker")
                  .hasMessageContaining("mode TRANSACTION, endpoint " + endpoint)
                  .hasMessageContaining("last connection failure")
                  .message().doesNotContain("secret").doesNotContain(PoolerStack.PASSWORD);
            }
            return millisSince(started);
          }));
        }
        start.countDown();
        for (Future<Long> answer : answers) {
          assertThat(answer.get()).as("milliseconds until a first caller got its answer")
              .isLessThanOrEqualTo(CONNECTION_TIMEOUT_MILLIS + 1_000);
        }
      } finally {
        callers.shutdownNow();
      }
      return log.messages(Level.WARN).stream().filter(line -> line.startsWith("weaver-worker")).toList();
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
