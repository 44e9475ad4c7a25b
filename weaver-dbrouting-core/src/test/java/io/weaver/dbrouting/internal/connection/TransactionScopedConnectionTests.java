package io.weaver.dbrouting.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The wrapper's bookkeeping, call by call, on a recording driver connection. What it achieves on a real transaction
 * pooler is shown by {@code TransactionPoolSessionStateIT}.
 */
class TransactionScopedConnectionTests {
  private final RecordingDriver.Recording driver = new RecordingDriver.Recording("jdbc:test", new Properties());
  private final TransactionScopedConnection connection = wrap();

  private TransactionScopedConnection wrap() {
    try {
      return new TransactionScopedConnection(driver.connection, "weaver-worker");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aLevelOtherThanTheServersIsSentAtTheStartOfEachTransactionAndNeverAsSessionState() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setAutoCommit(false);
    assertThat(driver.sql).isEmpty();
    assertThat(driver.calls).doesNotContain("setTransactionIsolation");

    connection.createStatement().executeQuery("SELECT 1");
    connection.createStatement().executeQuery("SELECT 2");
    connection.commit();
    driver.state = TransactionState.IDLE;
    connection.prepareStatement("SELECT 3").executeQuery();

    assertThat(driver.sql).containsExactly("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SELECT 1", "SELECT 2",
        "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "(prepared)");
    assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
  }

  @Test
  void eachLevelHasItsSqlName() throws SQLException {
    connection.setAutoCommit(false);
    for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_REPEATABLE_READ}) {
      connection.setTransactionIsolation(level);
      connection.createStatement().execute("SELECT 1");
      connection.rollback();
      driver.state = TransactionState.IDLE;
    }
    assertThat(driver.sql).containsExactly("SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED", "SELECT 1",
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SELECT 1");
    assertThatThrownBy(() -> connection.setTransactionIsolation(Connection.TRANSACTION_NONE))
        .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("level 0 not supported");
  }

  @Test
  void theServersOwnLevelSendsNothing() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // HikariCP's reset on return
    connection.setAutoCommit(false);
    connection.createStatement().execute("SELECT 1");

    assertThat(driver.sql).containsExactly("SELECT 1");
  }

  @Test
  void autoCommitStatementsRunAtTheServersLevel() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.createStatement().execute("SELECT 1");

    assertThat(driver.sql).containsExactly("SELECT 1");
  }

  @Test
  void aTransactionOpenedByTheCallerGetsItsLevelOnceAndAFailedOneNone() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setAutoCommit(false);
    driver.state = TransactionState.OPEN; // e.g. the caller sent BEGIN itself
    connection.createStatement().execute("SELECT 1");
    connection.createStatement().execute("SELECT 2");
    driver.state = TransactionState.FAILED;
    connection.createStatement().execute("SELECT 3");

    assertThat(driver.sql).containsExactly("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SELECT 1", "SELECT 2",
        "SELECT 3");
  }

  @Test
  void aTransactionThatRanAQueryFirstIsReportedNotRunAtTheWrongLevel() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setAutoCommit(false);
    driver.state = TransactionState.OPEN;
    driver.failNextSql = new SQLException("SET TRANSACTION ISOLATION LEVEL must be called before any query", "25001");

    assertThatThrownBy(() -> connection.createStatement().execute("SELECT 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("weaver-worker: the transaction began before its isolation level (SERIALIZABLE)")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25001"));
    driver.failNextSql = new SQLException("connection lost", "08006");
    assertThatThrownBy(() -> connection.createStatement().execute("SELECT 1")).hasMessage("connection lost");
  }

  @Test
  void theLevelCannotChangeInsideATransaction() {
    driver.state = TransactionState.OPEN;
    assertThatThrownBy(() -> connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
        .isInstanceOf(SQLException.class).hasMessageContaining("in the middle of a transaction")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25001"));
  }

  @Test
  void commitRollbackAndAutoCommitEndTheLevelsTransaction() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setAutoCommit(false);
    for (Runnable end : List.<Runnable>of(() -> call(connection::commit), () -> call(connection::rollback),
        () -> call(() -> connection.setAutoCommit(false)))) {
      connection.createStatement().execute("SELECT 1");
      end.run();
      driver.state = TransactionState.OPEN; // the next transaction was opened without the wrapper
      connection.createStatement().execute("SELECT 2");
      driver.state = TransactionState.IDLE;
    }
    assertThat(driver.sql).filteredOn(sql -> sql.startsWith("SET TRANSACTION")).hasSize(6);
  }

  @Test
  void metadataSavepointsAndTypeLookupsStartTheTransactionWithItsLevel() throws SQLException {
    for (SqlCall call : List.<SqlCall>of(() -> connection.getMetaData().getTables(null, null, null, null),
        connection::getSchema, () -> connection.createArrayOf("text", new Object[0]),
        () -> connection.createStruct("point", new Object[0]), connection::setSavepoint,
        () -> connection.setSavepoint("s"))) {
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      connection.setAutoCommit(false);
      call.run();
      assertThat(driver.sql).containsExactly("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
      driver.sql.clear();
      connection.rollback();
      driver.state = TransactionState.IDLE;
    }
  }

  @Test
  void statementsAndMetadataKeepTheirIdentityAndConnection() throws SQLException {
    Statement statement = connection.createStatement();
    PreparedStatement prepared = connection.prepareStatement("SELECT 1");
    CallableStatement callable = connection.prepareCall("{call f()}");
    DatabaseMetaData metaData = connection.getMetaData();

    assertThat(statement.getConnection()).isSameAs(connection);
    assertThat(prepared.getConnection()).isSameAs(connection);
    assertThat(callable.getConnection()).isSameAs(connection);
    assertThat(metaData.getConnection()).isSameAs(connection);
    assertThat(statement.equals(statement)).isTrue();
    assertThat(statement.equals(prepared)).isFalse();
    assertThat(statement.hashCode()).isEqualTo(System.identityHashCode(statement));
    assertThat(statement.toString()).isEqualTo("recording statement");
    statement.close();
    assertThat(driver.sql).isEmpty();
    for (Statement each : List.of(connection.createStatement(1003, 1007), connection.createStatement(1003, 1007, 1),
        connection.prepareStatement("S", 1003, 1007), connection.prepareStatement("S", 1003, 1007, 1),
        connection.prepareStatement("S", 1), connection.prepareStatement("S", new int[] {1}),
        connection.prepareStatement("S", new String[] {"id"}), connection.prepareCall("C", 1003, 1007),
        connection.prepareCall("C", 1003, 1007, 1))) {
      assertThat(each.getConnection()).isSameAs(connection);
    }
  }

  @Test
  void setSchemaIsRefusedAndTheConnectionStaysUsable() {
    assertThatThrownBy(() -> connection.setSchema("other"))
        .isInstanceOf(SessionStateRefused.class)
        .hasMessageStartingWith("weaver-worker: setSchema(...) would run SET search_path")
        .satisfies(e -> assertThat(SessionStateRefused.isRefusal(e)).isTrue());
    assertThatThrownBy(() -> connection.setSchema(null)).hasMessageContaining("setSchema(null)");
    assertThat(driver.calls).doesNotContain("setSchema");
  }

  @Test
  void onlyAChangedApplicationNameIsRefused() throws SQLException {
    connection.setClientInfo("ApplicationName", "weaver-worker");
    connection.setClientInfo("OtherName", "x");
    Properties same = new Properties();
    same.setProperty("ApplicationName", "weaver-worker");
    connection.setClientInfo(same);
    assertThat(driver.calls).filteredOn("setClientInfo"::equals).hasSize(3);
    assertThatThrownBy(() -> connection.setClientInfo(new Properties()))
        .as("all client info replaced: ApplicationName cleared").isInstanceOf(SQLClientInfoException.class);

    assertThatThrownBy(() -> connection.setClientInfo("ApplicationName", "other"))
        .isInstanceOf(SQLClientInfoException.class)
        .hasMessageStartingWith("weaver-worker: setClientInfo(ApplicationName, ...) would run SET application_name")
        .satisfies(e -> assertThat(SessionStateRefused.isRefusal(e)).isTrue());
    assertThatThrownBy(() -> connection.setClientInfo("ApplicationName", null)).isInstanceOf(SQLClientInfoException.class);
    Properties other = new Properties();
    other.setProperty("ApplicationName", "other");
    assertThatThrownBy(() -> connection.setClientInfo(other)).isInstanceOf(SQLClientInfoException.class);
    assertThat(driver.calls).filteredOn("setClientInfo"::equals).hasSize(3);
    assertThat(SessionStateRefused.isRefusal(new SQLException("x"))).isFalse();
  }

  /** Every call the wrapper does not change reaches the driver's connection, and its answer comes back. */
  @Test
  void everyOtherCallReachesTheDriversConnectionAndItsAnswerComesBack() throws Exception {
    Set<String> changed = Set.of("setTransactionIsolation", "getTransactionIsolation", "setSchema", "setClientInfo",
        "createStatement", "prepareStatement", "prepareCall", "getMetaData", "unwrap", "isWrapperFor");
    List<String> checked = new ArrayList<>();
    for (Method method : Connection.class.getMethods()) {
      if (changed.contains(method.getName()) || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
        continue;
      }
      Object[] arguments = arguments(method);
      driver.calls.clear();
      Object answer = method.invoke(connection, arguments);
      assertThat(driver.calls).as("%s reaches the driver", method).contains(method.getName());
      if (method.getReturnType() != void.class) {
        Object expected = method.invoke(driver.connection, arguments);
        assertThat(answer).as("%s answers what the driver answered", method).isEqualTo(expected);
      }
      checked.add(method.getName());
    }
    assertThat(checked).contains("close", "commit", "getAutoCommit", "isValid", "abort", "getNetworkTimeout",
        "releaseSavepoint", "createBlob");
  }

  @Test
  void pgjdbcInterfacesUnwrapToTheDriversConnection() throws SQLException {
    assertThat(connection.unwrap(BaseConnection.class)).isSameAs(driver.connection);
    assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
    assertThat(connection.isWrapperFor(Connection.class)).isTrue();
    assertThat(connection.isWrapperFor(BaseConnection.class)).isTrue();
    assertThat(connection.isWrapperFor(String.class)).isFalse();
    assertThat(connection.toString()).isEqualTo("recording connection");
  }

  private static Object[] arguments(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> type = types[i];
      arguments[i] = type == int.class ? 1 : type == boolean.class ? (Object) false : type == String.class ? "s"
          : type.isInterface() && type != java.util.Map.class ? RecordingDriver.Values.of(type)
          : type == Object[].class ? new Object[0] : null;
    }
    return arguments;
  }

  private interface SqlCall {
    void run() throws SQLException;
  }

  private static void call(SqlCall call) {
    try {
      call.run();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
