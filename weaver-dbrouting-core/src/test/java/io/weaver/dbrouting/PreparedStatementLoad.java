package io.weaver.dbrouting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load that breaks named server-side prepared statements behind a transaction pooler: several threads, each on
 * its own connection, run the same PreparedStatement many times in autocommit mode, so every execution may land on
 * another server connection.
 */
final class PreparedStatementLoad {
  /** Errors by SQLSTATE, and how many executions succeeded. */
  record Outcome(Map<String, Integer> errorsBySqlState, int succeeded) {
    int errors() {
      return errorsBySqlState.values().stream().mapToInt(Integer::intValue).sum();
    }

    int namedStatementErrors() {
      return errorsBySqlState.getOrDefault("26000", 0) + errorsBySqlState.getOrDefault("42P05", 0);
    }
  }

  interface ConnectionSource {
    Connection open() throws Exception;
  }

  interface Work {
    void run(Connection connection, int iteration) throws SQLException;
  }

  static final String QUERY = "SELECT id, label FROM weaver_load WHERE id = ?";

  private PreparedStatementLoad() {}

  /** Creates the small table the load reads. */
  static void createTable(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS weaver_load (id int PRIMARY KEY, label text)");
      statement.execute("INSERT INTO weaver_load SELECT g, 'row ' || g FROM generate_series(1, 500) g "
          + "ON CONFLICT DO NOTHING");
    }
  }

  /** One repeated PreparedStatement per thread, executed {@code executions} times in autocommit. */
  static Outcome repeatedSelect(ConnectionSource source, int threads, int executions) throws Exception {
    return run(source, threads, executions, (connection, i) -> { }, true);
  }

  private static boolean recover(Connection connection) {
    try {
      if (connection.isClosed()) {
        return false;
      }
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Runs {@code work} {@code executions} times on each of {@code threads} connections, counting SQLSTATEs. */
  static Outcome run(ConnectionSource source, int threads, int executions, Work work, boolean repeatedSelect)
      throws Exception {
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    AtomicInteger succeeded = new AtomicInteger();
    Concurrently.run(threads, 2, () -> {
      try (Connection connection = source.open()) {
        PreparedStatement select = repeatedSelect ? connection.prepareStatement(QUERY) : null;
        for (int i = 0; i < executions; i++) {
          try {
            if (select != null) {
              select.setInt(1, 1 + i % 500);
              try (ResultSet rs = select.executeQuery()) {
                rs.next();
              }
            } else {
              work.run(connection, i);
            }
            succeeded.incrementAndGet();
          } catch (SQLException e) {
            errors.merge(String.valueOf(e.getSQLState()), 1, Integer::sum);
            if (!recover(connection)) {
              break; // the pool evicted a connection the failure left unusable
            }
          }
        }
        if (select != null && !connection.isClosed()) {
          select.close();
        }
      }
    });
    return new Outcome(Map.copyOf(errors), succeeded.get());
  }
}
