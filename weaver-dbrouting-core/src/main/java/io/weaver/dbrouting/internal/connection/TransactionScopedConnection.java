package io.weaver.dbrouting.internal.connection;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A pgjdbc connection of a transaction-mode pool. The pooler hands each transaction whichever server connection is
 * free, so session state one client sets stays behind for the next. pgjdbc turns three JDBC calls into session state;
 * here none of them reaches the server as such:
 * <ul>
 *   <li>{@link #setTransactionIsolation} is remembered, and a transaction that needs a level other than the server's
 *       default starts with {@code SET TRANSACTION ISOLATION LEVEL ...}, sent just before its first statement (pgjdbc's
 *       own {@code BEGIN} travels in the same round trip). In auto-commit mode statements run at the server's default.
 *   <li>{@link #setSchema} ({@code SET search_path}) is refused.
 *   <li>{@link #setClientInfo} of {@code ApplicationName} ({@code SET application_name}) is refused unless it changes
 *       nothing.
 * </ul>
 * Everything else goes straight to pgjdbc; statements and metadata come wrapped only so that their first execution in a
 * transaction can set its level ({@link Guarded}).
 */
final class TransactionScopedConnection extends DelegatingConnection {
  private final BaseConnection driver;
  private final String poolName;
  /** The level a transaction gets when nothing is sent: the server's default, read once. */
  private final int serverDefault;
  private int requested;
  /** True while transactions need {@code SET TRANSACTION}: a level other than the server default was asked for. */
  private boolean levelPending;
  /** True when the open transaction, if any, was started by {@link #beforeWork()} with its level set. */
  private boolean levelSetInTransaction;

  TransactionScopedConnection(Connection delegate, String poolName) throws SQLException {
    super(delegate);
    this.driver = delegate.unwrap(BaseConnection.class);
    this.poolName = poolName;
    this.serverDefault = delegate.getTransactionIsolation();
    this.requested = serverDefault;
  }

  /**
   * Called before anything that may run SQL: starts the transaction with its isolation level when one is pending and
   * no transaction is open yet.
   */
  void beforeWork() throws SQLException {
    if (!levelPending || delegate.getAutoCommit()) {
      return;
    }
    TransactionState state = driver.getTransactionState();
    if (state == TransactionState.FAILED || (state == TransactionState.OPEN && levelSetInTransaction)) {
      return;
    }
    try (Statement statement = delegate.createStatement()) {
      statement.execute("SET TRANSACTION ISOLATION LEVEL " + IsolationLevels.sqlName(requested));
    } catch (SQLException e) {
      if ("25001".equals(e.getSQLState())) {
        throw new SQLException(poolName + ": the transaction began before its isolation level ("
            + IsolationLevels.sqlName(requested) + ") could be set, because something ran a query first; on a "
            + "transaction-mode pool the level is set by the transaction's first statement. Fix: roll back, and run "
            + "the transaction's own statements first (or start it with SET TRANSACTION ISOLATION LEVEL ...)",
            e.getSQLState(), e);
      }
      throw e;
    }
    levelSetInTransaction = true;
  }

  Statement guard(Statement statement) {
    return Guarded.statement(statement, this);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    IsolationLevels.sqlName(level); // refuses levels PostgreSQL does not have, as pgjdbc does
    if (driver.getTransactionState() != TransactionState.IDLE) {
      throw new SQLException("Cannot change transaction isolation level in the middle of a transaction.", "25001");
    }
    requested = level;
    levelPending = level != serverDefault;
  }

  @Override
  public int getTransactionIsolation() {
    return requested;
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    throw new SessionStateRefused(poolName + ": setSchema(" + (schema == null ? "null" : "...") + ") would run SET "
        + "search_path for the whole server session, which this transaction-mode pooler hands to other clients next. "
        + "Fix: schema-qualify names, use SET LOCAL search_path inside the transaction, or set it per database role "
        + "with ALTER ROLE ... SET search_path");
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (changesApplicationName(name, value)) {
      throw clientInfoRefused(Map.of(name, ClientInfoStatus.REASON_VALUE_INVALID));
    }
    delegate.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    String name = applicationNameKey();
    if (properties != null && changesApplicationName(name, properties.getProperty(name))) {
      throw clientInfoRefused(Map.of(name, ClientInfoStatus.REASON_VALUE_INVALID));
    }
    delegate.setClientInfo(properties);
  }

  private boolean changesApplicationName(String name, String value) throws SQLClientInfoException {
    if (!applicationNameKey().equals(name)) {
      return false; // pgjdbc keeps other names on the client
    }
    try {
      return !Objects.equals(value == null ? "" : value, Objects.requireNonNullElse(delegate.getClientInfo(name), ""));
    } catch (SQLException e) {
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Map.of(), e);
    }
  }

  private static String applicationNameKey() {
    return "ApplicationName";
  }

  private SQLClientInfoException clientInfoRefused(Map<String, ClientInfoStatus> failed) {
    return new SessionStateRefused.ClientInfo(poolName + ": setClientInfo(ApplicationName, ...) would run SET application_name "
        + "for the whole server session, which this transaction-mode pooler hands to other clients next. Fix: set "
        + "application_name in the connection string instead (the pool names its connections after its role)",
        failed);
  }

  @Override
  public void commit() throws SQLException {
    levelSetInTransaction = false;
    delegate.commit();
  }

  @Override
  public void rollback() throws SQLException {
    levelSetInTransaction = false;
    delegate.rollback();
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    delegate.setAutoCommit(autoCommit);
    levelSetInTransaction = false;
  }

  @Override
  public Statement createStatement() throws SQLException {
    return guard(delegate.createStatement());
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return guard(delegate.createStatement(resultSetType, resultSetConcurrency));
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return guard(delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return (PreparedStatement) guard(delegate.prepareStatement(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return (PreparedStatement) guard(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return (PreparedStatement) guard(
        delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return (PreparedStatement) guard(delegate.prepareStatement(sql, autoGeneratedKeys));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return (PreparedStatement) guard(delegate.prepareStatement(sql, columnIndexes));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return (PreparedStatement) guard(delegate.prepareStatement(sql, columnNames));
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return (CallableStatement) guard(delegate.prepareCall(sql));
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    return (CallableStatement) guard(delegate.prepareCall(sql, resultSetType, resultSetConcurrency));
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return (CallableStatement) guard(
        delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return Guarded.metaData(delegate.getMetaData(), this);
  }

  @Override
  public String getSchema() throws SQLException {
    beforeWork(); // pgjdbc asks the server
    return delegate.getSchema();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    beforeWork(); // pgjdbc may look the type up
    return delegate.createArrayOf(typeName, elements);
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    beforeWork();
    return delegate.createStruct(typeName, attributes);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    beforeWork();
    return delegate.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    beforeWork();
    return delegate.setSavepoint(name);
  }
}
