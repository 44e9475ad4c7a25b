package io.weaver.dbrouting;

import ch.qos.logback.classic.Level;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Worker pools with a given prepared statements setting over a stack's transaction PgBouncer, and the work that shows
 * whether named statements survive: each execution borrows a connection from the pool, as a request would, so that a
 * pool that stops naming statements replaces its connections as they come back.
 */
final class NamedStatementWork {
  /** What one execution does on a borrowed connection. */
  interface Step {
    void run(Connection connection, int iteration) throws SQLException;
  }

  /** Errors by SQLSTATE, successes, and the prepareThresholds the borrowed connections had. */
  record Outcome(Map<String, Integer> errorsBySqlState, int succeeded, Map<Integer, Integer> thresholds) {
    int errors() {
      return errorsBySqlState.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  static final String INSERT = "INSERT INTO weaver_batch (v) VALUES (?)";

  private NamedStatementWork() {}

  /** A data source whose worker pool (8 connections, more than the pooler's 4 servers) has {@code statements}. */
  static RoleAwareDataSource workerPool(PoolerStack stack, String statements) {
    return RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "0",
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction",
        "WORKER_DATABASE_POOL_SIZE", "8", "WORKER_DATABASE_MAX_OVERFLOW", "0",
        "WORKER_DATABASE_PREPARED_STATEMENTS", statements));
  }

  /** Creates the tables the work reads and writes. */
  static void createTables(PoolerStack stack) throws SQLException {
    try (Connection connection = stack.connect(Endpoint.DIRECT, new java.util.Properties())) {
      PreparedStatementLoad.createTable(connection);
      try (var statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS weaver_batch (id bigserial PRIMARY KEY, v int)");
      }
    }
  }

  /**
   * Takes the first connection of the worker role through {@code ds}, which starts the first-use probe, and returns
   * the probe's log line that contains {@code text}.
   */
  static String firstUse(RoleAwareDataSource ds, LogCapture logs, String text) throws Exception {
    RoleScope.call(DbRole.WORKER, ds::getConnection).close();
    return awaitLine(logs, text);
  }

  /** Waits up to 20 s for an INFO or WARN line of the diagnostics that contains {@code text}; returns it. */
  static String awaitLine(LogCapture logs, String text) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (Level level : new Level[] {Level.INFO, Level.WARN}) {
        for (String message : logs.messages(level)) {
          if (message.contains(text)) {
            return message;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no log line containing '" + text + "' within 20 s; INFO: "
        + logs.messages(Level.INFO) + "; WARN: " + logs.messages(Level.WARN));
  }

  /** The repeated parameterised SELECT of {@link PreparedStatementLoad}. */
  static void select(Connection connection, int i) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(PreparedStatementLoad.QUERY)) {
      select.setInt(1, 1 + i % 500);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
      }
    }
  }

  /** The same SELECT, asking for its metadata before the first execution. */
  static void selectAfterMetaData(Connection connection, int i) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(PreparedStatementLoad.QUERY)) {
      select.getMetaData();
      select.setInt(1, 1 + i % 500);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
      }
    }
  }

  /** A batch of three inserts. */
  static void batch(Connection connection, int i) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (int row = 0; row < 3; row++) {
        insert.setInt(1, i * 3 + row);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** {@code threads} threads each run {@code step} {@code executions} times, each on a freshly borrowed connection. */
  static Outcome run(RoleAwareDataSource ds, int threads, int executions, Step step) throws Exception {
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    Map<Integer, Integer> thresholds = new ConcurrentHashMap<>();
    AtomicInteger succeeded = new AtomicInteger();
    Concurrently.run(threads, 5, () -> {
      RoleScope.run(DbRole.WORKER, () -> {
        for (int i = 0; i < executions; i++) {
          try (Connection connection = ds.getConnection()) {
            thresholds.merge(connection.unwrap(PGConnection.class).getPrepareThreshold(), 1, Integer::sum);
            step.run(connection, i);
            succeeded.incrementAndGet();
          } catch (SQLException e) {
            SQLException shown = e.getNextException() != null ? e.getNextException() : e;
            errors.merge(String.valueOf(shown.getSQLState()), 1, Integer::sum);
          }
        }
      });
    });
    return new Outcome(Map.copyOf(errors), succeeded.get(), Map.copyOf(thresholds));
  }
}
