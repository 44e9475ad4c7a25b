package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.internal.diagnostics.PoolerProbe.NamedStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

/**
 * The probe's step for named statements: whether a statement pgjdbc named at the protocol level survives its client
 * moving to another server connection, and what naming gains where it does.
 */
final class NamedStatementCheck {
  /** The statement the probe names; its text finds it in {@code pg_prepared_statements} for the clean-up. */
  static final String NAMED_PROBE = "SELECT pg_backend_pid() /* weaver named statement probe */";

  /** A query with planning work (five catalogue joins) and a cheap execution, for the gain. */
  static final String PLANNED_QUERY = "SELECT count(*) FROM pg_catalog.pg_class c "
      + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
      + "LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      + "LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid "
      + "LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0 "
      + "WHERE c.relname = ? AND n.nspname = 'pg_catalog' /* weaver planning probe */";

  /** Executions each way when measuring the gain, after as many again to warm up. */
  static final int GAIN_EXECUTIONS = 300;

  private NamedStatementCheck() {}

  /**
   * Up to three rounds of: A executes a statement pgjdbc names at its first execution and notes the server, B opens a
   * transaction, A executes it again inside a transaction of its own. Once A ran on another server the answer is in: executed there (kept), or not
   * found / clashing with one of the same name (lost). A lost statement stays on the server where A prepared it,
   * which B normally holds then, so B deallocates it there; a kept one belongs to the pooler, which prepared it under
   * its own name and closes it with its server connection.
   */
  static @Nullable NamedStatements namedStatements(Connection a, Connection b) throws SQLException {
    try (PreparedStatement named = a.prepareStatement(NAMED_PROBE)) {
      named.unwrap(PGStatement.class).setPrepareThreshold(1);
      for (int round = 0; round < 3; round++) {
        int before;
        try {
          before = ProbeJdbc.intQuery(named);
        } catch (SQLException e) {
          if (lost(e)) { // a statement of the same name was left on this server by someone else
            return NamedStatements.LOST;
          }
          throw e;
        }
        b.setAutoCommit(false);
        a.setAutoCommit(false); // in a transaction, for in autocommit pgjdbc quietly prepares a lost statement again
        try {
          ProbeJdbc.intQuery(b, "SELECT pg_backend_pid()");
          int after = ProbeJdbc.intQuery(named);
          a.commit();
          if (after != before) {
            return NamedStatements.KEPT;
          }
        } catch (SQLException e) {
          if (!lost(e)) {
            throw e;
          }
          deallocateProbe(b);
          return NamedStatements.LOST;
        } finally {
          ProbeJdbc.rollbackQuietly(a);
          ProbeJdbc.rollbackQuietly(b);
        }
      }
      return null; // A never moved
    }
  }

  private static boolean lost(SQLException e) {
    return "26000".equals(e.getSQLState()) || "42P05".equals(e.getSQLState());
  }

  /** Deallocates the probe's named statement on {@code connection}'s server, if it is there. */
  private static void deallocateProbe(Connection connection) {
    try (PreparedStatement find = connection.prepareStatement(
        "SELECT name FROM pg_prepared_statements WHERE statement = ?")) {
      find.setString(1, NAMED_PROBE);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        ProbeJdbc.execute(connection, "DEALLOCATE \"" + name.replace("\"", "\"\"") + "\"");
      }
    } catch (SQLException e) {
      // a broken connection ends its server session's statements with it
    }
  }

  /**
   * Time of {@value #GAIN_EXECUTIONS} unnamed executions of {@link #PLANNED_QUERY} over the time of as many named
   * ones, each after as many again to warm up.
   */
  static double namingGain(Connection connection) throws SQLException {
    long unnamed = timeExecutions(connection, 0);
    long named = timeExecutions(connection, 1);
    return named <= 0 ? 0 : (double) unnamed / named;
  }

  private static long timeExecutions(Connection connection, int prepareThreshold) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(PLANNED_QUERY)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(prepareThreshold);
      statement.setString(1, "pg_class");
      for (int i = 0; i < GAIN_EXECUTIONS; i++) {
        ProbeJdbc.intQuery(statement);
      }
      long started = System.nanoTime();
      for (int i = 0; i < GAIN_EXECUTIONS; i++) {
        ProbeJdbc.intQuery(statement);
      }
      return System.nanoTime() - started;
    }
  }
}
