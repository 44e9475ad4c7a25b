package io.weaver.dbrouting.benchmarks.burst;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RoleScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * Whether this build of the library honours {@value Scenario#PREPARED_STATEMENTS_VARIABLE}{@code =on}: it builds the
 * data source a worker of scenario (d) would build and reads pgjdbc's prepareThreshold on a live worker connection.
 * A library that rejects the variable, or ignores it (threshold 0), cannot run (d).
 */
final class PreparedStatementsProbe {
  private PreparedStatementsProbe() {}

  /** Empty when prepared statements are on; otherwise why (d) is not available. */
  @SuppressWarnings("try") // the scope routes getConnection() to the worker pool
  static Optional<String> unavailableReason(Map<String, String> workerEnvironment) {
    try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(workerEnvironment);
        RoleScope scope = RoleScope.enter(DbRole.WORKER);
        Connection connection = db.getConnection()) {
      int threshold = connection.unwrap(PGConnection.class).getPrepareThreshold();
      return threshold > 0 ? Optional.empty() : Optional.of(Scenario.PREPARED_STATEMENTS_VARIABLE
          + "=on had no effect: worker connections still have prepareThreshold=" + threshold);
    } catch (SQLException e) {
      return Optional.of("a worker connection failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage());
    } catch (RuntimeException e) {
      return Optional.of("the library refused the setting: " + e.getMessage());
    }
  }
}
