package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No JDBC call leaves session state on a server connection of the transaction pooler: isolation levels hold per
 * transaction under concurrency, calls that can only set session state are refused, and afterwards every server
 * connection shows the defaults to the next client.
 */
@WithPoolerStack
class TransactionPoolSessionStateIT {
  private static final int THREADS_PER_KIND = 4;
  private static final int TRANSACTIONS_PER_THREAD = 260; // 8 x 260 = 2,080 transactions

  private final PoolerStack stack;
  private RoleAwareDataSource dataSource;

  TransactionPoolSessionStateIT(PoolerStack stack) {
    this.stack = stack;
  }

  @BeforeEach
  @AfterEach
  void freshServerConnections() {
    if (dataSource != null) {
      dataSource.close();
      dataSource = null;
    }
    stack.adminQuery(Endpoint.TRANSACTION, "RECONNECT"); // no test inherits another's server sessions
  }

  private DataSource worker() {
    dataSource = RoleAwareDataSource.builder().environment(Map.of(
            "DATABASE_URL", stack.url(Endpoint.SESSION),
            "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION),
            "WORKER_DATABASE_POOL_MODE", "transaction",
            "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "0",
            "WORKER_DATABASE_POOL_SIZE", "2", "WORKER_DATABASE_MAX_OVERFLOW", String.valueOf(2 * THREADS_PER_KIND)))
        .build();
    return dataSource.forRole(DbRole.WORKER);
  }

  @Test
  void isolationLevelsHoldPerTransactionUnderConcurrencyAndStayOffTheServerSessions() throws Exception {
    DataSource worker = worker();

    int wrong = serializableNextToDefaultTransactions(worker);

    assertThat(wrong).as("transactions at the wrong level, of %d", 2 * THREADS_PER_KIND * TRANSACTIONS_PER_THREAD)
        .isZero();
    assertThat(serverSessionDefaults()).as("what each server connection shows the next client")
        .containsOnly("read committed|\"$user\", public|0");
  }

  @Test
  void aPoolWithoutTheWrapperRunsTransactionsAtTheWrongLevelAndLeavesItBehind() throws Exception {
    try (HikariDataSource plain = new HikariDataSource()) {
      plain.setJdbcUrl(stack.jdbcUrl(Endpoint.TRANSACTION));
      plain.setUsername(PoolerStack.USER);
      plain.setPassword(PoolerStack.PASSWORD);
      plain.addDataSourceProperty("prepareThreshold", "0");
      plain.setMaximumPoolSize(2 * THREADS_PER_KIND);

      int wrong = serializableNextToDefaultTransactions(plain);

      assertThat(wrong).as("what this library prevents, shown on the same stack").isPositive();
    }
  }

  @Test
  void theLevelAskedForIsReportedBackAndResetOnReturnWithoutSql() throws SQLException {
    DataSource worker = worker();
    try (Connection connection = worker.getConnection()) {
      assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setAutoCommit(false);
      assertThat(text(connection, "SELECT current_setting('transaction_isolation')")).isEqualTo("repeatable read");
      assertThatThrownBy(() -> connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
          .isInstanceOf(SQLException.class).hasMessageContaining("in the middle of a transaction");
      connection.commit();
      assertThat(text(connection, "SELECT current_setting('transaction_isolation')"))
          .as("the next transaction of the same connection").isEqualTo("repeatable read");
      connection.rollback();
    }
    try (Connection connection = worker.getConnection()) {
      assertThat(connection.getTransactionIsolation()).as("HikariCP reset it on return").isEqualTo(
          Connection.TRANSACTION_READ_COMMITTED);
      connection.setAutoCommit(false);
      assertThat(text(connection, "SELECT current_setting('transaction_isolation')")).isEqualTo("read committed");
      connection.rollback();
    }
  }

  @Test
  void aMetadataCallOpeningTheTransactionRunsAtTheLevelAskedFor() throws SQLException {
    try (Connection connection = worker().getConnection()) {
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      connection.setAutoCommit(false);
      try (ResultSet tables = connection.getMetaData().getTables(null, "pg_catalog", "pg_class", null)) {
        assertThat(tables.next()).isTrue();
      }
      assertThat(text(connection, "SELECT current_setting('transaction_isolation')")).isEqualTo("serializable");
      connection.commit();
    }
  }

  @Test
  void setSchemaIsRefusedNamingTheRoleAndTheAlternatives() throws SQLException {
    try (Connection connection = worker().getConnection()) {
      assertThatThrownBy(() -> connection.setSchema("other"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("weaver-worker: setSchema(...) would run SET search_path")
          .hasMessageContaining("SET LOCAL search_path")
          .hasMessageContaining("ALTER ROLE");
      assertThat(text(connection, "SELECT current_setting('search_path')")).isEqualTo("\"$user\", public");
    }
    assertThat(serverSessionDefaults()).containsOnly("read committed|\"$user\", public|0");
  }

  @Test
  void changingTheApplicationNameIsRefusedAndKeepingItIsAllowed() throws SQLException {
    try (Connection connection = worker().getConnection()) {
      String current = connection.getClientInfo("ApplicationName");
      assertThat(current).isEqualTo("weaver-worker");
      connection.setClientInfo("ApplicationName", current);
      assertThatThrownBy(() -> connection.setClientInfo("ApplicationName", "other"))
          .isInstanceOf(SQLClientInfoException.class)
          .hasMessageContaining("weaver-worker: setClientInfo(ApplicationName, ...) would run SET application_name")
          .hasMessageContaining("application_name in the connection string");
      Properties properties = new Properties();
      properties.setProperty("ApplicationName", "other");
      assertThatThrownBy(() -> connection.setClientInfo(properties)).isInstanceOf(SQLClientInfoException.class);
      assertThat(text(connection, "SELECT current_setting('application_name')")).isEqualTo("weaver-worker");
    }
  }

  /**
   * {@value #THREADS_PER_KIND} threads run serializable transactions while as many run default ones, each reading its
   * own level; returns how many ran at a level other than the one asked for.
   */
  private static int serializableNextToDefaultTransactions(DataSource pool) throws Exception {
    AtomicInteger wrong = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_KIND);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2 * THREADS_PER_KIND; t++) {
        boolean serializable = t < THREADS_PER_KIND;
        done.add(threads.submit((Callable<Void>) () -> {
          start.await();
          for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
            try (Connection connection = pool.getConnection()) {
              if (serializable) {
                connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
              }
              connection.setAutoCommit(false);
              String level = text(connection, "SELECT current_setting('transaction_isolation')");
              connection.commit();
              if (!level.equals(serializable ? "serializable" : "read committed")) {
                wrong.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return wrong.get();
  }

  /** {@code default_transaction_isolation|search_path|prepared statements} on each server connection. */
  private List<String> serverSessionDefaults() throws SQLException {
    return stack.onEveryTransactionServerConnection("SELECT current_setting('default_transaction_isolation') || '|' "
        + "|| current_setting('search_path') || '|' || (SELECT count(*) FROM pg_prepared_statements)");
  }

  private static String text(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
