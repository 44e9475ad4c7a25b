package io.weaver.dbrouting.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack's fault controls do what they say, on a stack of this class's own. */
class FaultControlsIT {
  private static PoolerStack stack;

  @BeforeAll
  static void start() {
    stack = OwnPoolerStack.start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @SuppressWarnings("try") // frozen for the block's length
  void aFrozenBouncerStallsQueriesAndLoginsUntilThawed() throws Exception {
    try (Connection open = stack.connect(Endpoint.TRANSACTION, new Properties())) {
      CompletableFuture<String> query;
      try (PoolerStack.Frozen frozen = stack.freezeBouncer(Endpoint.TRANSACTION)) {
        query = CompletableFuture.supplyAsync(() -> select(open, "SELECT 'answered'"));
        assertThatThrownBy(() -> query.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        Properties quick = new Properties();
        quick.setProperty("loginTimeout", "1");
        assertThatThrownBy(() -> stack.connect(Endpoint.TRANSACTION, quick).close())
            .isInstanceOf(SQLException.class).hasMessageContaining("timed out");
      }
      assertThat(query.get(5, TimeUnit.SECONDS)).isEqualTo("answered");
    }
    try (Connection fresh = stack.connect(Endpoint.TRANSACTION, new Properties())) {
      assertThat(select(fresh, "SELECT 'after thaw'")).isEqualTo("after thaw");
    }
  }

  @Test
  void aRestartedBouncerDropsItsClientsAndTakesNewLoginsOnTheSamePort() throws Exception {
    int port = stack.port(Endpoint.SESSION);
    long pid = stack.bouncerPid(Endpoint.SESSION);
    try (Connection before = stack.connect(Endpoint.SESSION, new Properties())) {
      assertThat(select(before, "SELECT 'before'")).isEqualTo("before");

      stack.restartBouncer(Endpoint.SESSION);

      assertThatThrownBy(() -> select(before, "SELECT 1")).hasCauseInstanceOf(SQLException.class);
    }
    assertThat(stack.port(Endpoint.SESSION)).isEqualTo(port);
    assertThat(stack.bouncerPid(Endpoint.SESSION)).isNotEqualTo(pid);
    try (Connection after = stack.connect(Endpoint.SESSION, new Properties())) {
      assertThat(select(after, "SELECT 'after'")).isEqualTo("after");
    }
  }

  @Test
  void aRestartedPostgresTakesLoginsAtOnceAndThroughTheBouncersWithinSeconds() throws Exception {
    try (Connection before = stack.connect(Endpoint.DIRECT, new Properties());
        Connection pooled = stack.connect(Endpoint.TRANSACTION, new Properties())) {
      String backendBefore = select(before, "SELECT pg_postmaster_start_time()::text");
      select(pooled, "SELECT 1"); // PgBouncer now holds a server connection that the restart will break

      stack.restartPostgres();

      assertThatThrownBy(() -> select(before, "SELECT 1")).hasCauseInstanceOf(SQLException.class);
      try (Connection after = stack.connect(Endpoint.DIRECT, new Properties())) {
        assertThat(select(after, "SELECT pg_postmaster_start_time()::text")).isNotEqualTo(backendBefore);
      }
    }
    long started = System.nanoTime();
    String answer = null;
    while (answer == null && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
      try (Connection c = stack.connect(Endpoint.TRANSACTION, new Properties())) {
        answer = select(c, "SELECT 'through the pooler'");
      } catch (IllegalStateException | SQLException refusedForNow) {
        Thread.sleep(100);
      }
    }
    assertThat(answer).isEqualTo("through the pooler");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
        .as("seconds until the transaction PgBouncer served again").isLessThan(5);
  }

  private static String select(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
