package io.weaver.dbrouting.test.internal;

import io.weaver.dbrouting.test.PoolerUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A running PostgreSQL with a session-mode and a transaction-mode PgBouncer in front, however it was started. */
public interface Poolers extends AutoCloseable {

  /** The three connection strings. */
  PoolerUrls urls();

  /** How many server connections the transaction PgBouncer opens to PostgreSQL at most. */
  int transactionPoolSize();

  /** A pgjdbc connection to the transaction PgBouncer with the stack's login; {@code extra} is added. */
  Connection connectTransaction(Properties extra) throws SQLException;

  /** One line saying what runs and where, without the password. */
  String description();

  /** Stops everything; calling it again does nothing. */
  @Override
  void close();
}
