package io.weaver.dbrouting.internal.connection;

import java.sql.Connection;
import java.sql.SQLException;

/** JDBC's isolation constants as PostgreSQL spells them. */
final class IsolationLevels {
  private IsolationLevels() {}

  /**
   * {@code SERIALIZABLE}, {@code REPEATABLE READ}, ...
   *
   * @throws SQLException for {@link Connection#TRANSACTION_NONE} and unknown values, as pgjdbc does
   */
  static String sqlName(int level) throws SQLException {
    return switch (level) {
      case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
      case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
      case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
      case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
      default -> throw new SessionStateRefused("Transaction isolation level " + level + " not supported.");
    };
  }
}
