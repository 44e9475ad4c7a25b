package io.weaver.dbrouting.internal.connection;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
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
final class TransactionScopedConnection implements Connection {
  private final Connection delegate;
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
    this.delegate = delegate;
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

  // Everything below goes to pgjdbc unchanged.

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return delegate.nativeSQL(sql);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return delegate.getAutoCommit();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    delegate.setReadOnly(readOnly); // readOnlyMode=transaction (enforced for these pools): BEGIN READ ONLY
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return delegate.isReadOnly();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    delegate.setCatalog(catalog);
  }

  @Override
  public String getCatalog() throws SQLException {
    return delegate.getCatalog();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return delegate.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    delegate.setTypeMap(map);
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    delegate.setHoldability(holdability); // pgjdbc reads holdable results whole; it opens no WITH HOLD cursor
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
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

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    delegate.rollback(savepoint);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    delegate.releaseSavepoint(savepoint);
  }

  @Override
  public Clob createClob() throws SQLException {
    return delegate.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return delegate.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return delegate.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return delegate.createSQLXML();
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    return delegate.isValid(timeout);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return delegate.getClientInfo(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return delegate.getClientInfo();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    delegate.abort(executor);
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    delegate.setNetworkTimeout(executor, milliseconds);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return delegate.getNetworkTimeout();
  }

  /** pgjdbc's own interfaces ({@code PGConnection}, ...) unwrap to the driver's connection itself. */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
