package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The problem this library exists for, shown on a real PgBouncer in transaction mode: pgjdbc's defaults break under
 * concurrency, and the worker pool does not.
 */
@WithPoolerStack
class TransactionPoolerIT {
  private static final int THREADS = 8;
  private static final int EXECUTIONS = 200;

  private final PoolerStack stack;
  private RoleAwareDataSource dataSource;

  TransactionPoolerIT(PoolerStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  static void createTable(PoolerStack stack) throws SQLException {
    try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties())) {
      PreparedStatementLoad.createTable(connection);
    }
  }

  @AfterEach
  void close() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  private RoleAwareDataSource routing() {
    dataSource = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction",
        "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "2",
        "WORKER_DATABASE_POOL_SIZE", "2", "WORKER_DATABASE_MAX_OVERFLOW", String.valueOf(THREADS)));
    return dataSource;
  }

  /** A client as most people write it: pgjdbc defaults, straight at the transaction-mode endpoint. */
  private Connection defaultClient() throws SQLException {
    return stack.connect(Endpoint.TRANSACTION, new Properties());
  }

  @Test
  void pgjdbcDefaultsBreakBehindATransactionPoolerThatLosesNamedStatements() throws Exception {
    PreparedStatementLoad.Outcome outcome =
        PreparedStatementLoad.repeatedSelect(this::defaultClient, THREADS, EXECUTIONS);

    if (stack.keepsPreparedStatements()) {
      // PgBouncer 1.21+ with max_prepared_statements re-prepares them on whichever server connection runs them
      assertThat(outcome.errorsBySqlState()).as("PgBouncer %s keeps named statements", stack.pgbouncerVersion())
          .isEmpty();
      assertThat(outcome.succeeded()).isEqualTo(THREADS * EXECUTIONS);
      return;
    }
    assertThat(outcome.namedStatementErrors())
        .as("prepared statement \"S_n\" does not exist / already exists, out of %d: %s", THREADS * EXECUTIONS,
            outcome.errorsBySqlState())
        .isPositive();
  }

  @Test
  void workerPoolRunsTheSameLoadWithoutErrorsEvenAfterDefaultClientsLeftNamedStatements() throws Exception {
    PreparedStatementLoad.Outcome poison =
        PreparedStatementLoad.repeatedSelect(this::defaultClient, THREADS, 50);
    assertThat(poison.succeeded()).as("default clients named statements on the server connections").isPositive();
    RoleAwareDataSource ds = routing();
    PreparedStatementLoad.ConnectionSource worker = () -> RoleScope.call(DbRole.WORKER, ds::getConnection);

    PreparedStatementLoad.Outcome repeated = PreparedStatementLoad.repeatedSelect(worker, THREADS, EXECUTIONS);
    PreparedStatementLoad.Outcome mixed = PreparedStatementLoad.run(worker, THREADS, 60,
        TransactionPoolerIT::fetchBatchAndMetadata, false);

    assertThat(repeated.errorsBySqlState()).isEmpty();
    assertThat(repeated.succeeded()).isEqualTo(THREADS * EXECUTIONS);
    assertThat(mixed.errorsBySqlState()).isEmpty();
    assertThat(mixed.succeeded()).isEqualTo(THREADS * 60);
  }

  /** Cursor-based fetch inside a transaction, a batch, and statement metadata: the other ways pgjdbc names things. */
  private static void fetchBatchAndMetadata(Connection connection, int iteration) throws SQLException {
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement fetch = connection.prepareStatement("SELECT id, label FROM weaver_load WHERE id > ?")) {
        fetch.setFetchSize(25);
        fetch.setInt(1, iteration % 100);
        int rows = 0;
        try (ResultSet rs = fetch.executeQuery()) {
          while (rs.next()) {
            rows++;
          }
        }
        assertThat(rows).isPositive();
      }
      try (PreparedStatement batch =
          connection.prepareStatement("UPDATE weaver_load SET label = ? WHERE id = ?")) {
        for (int i = 0; i < 5; i++) {
          batch.setString(1, "row " + (1 + (iteration + i) % 500));
          batch.setInt(2, 1 + (iteration + i) % 500);
          batch.addBatch();
        }
        batch.executeBatch();
      }
      try (PreparedStatement described = connection.prepareStatement(PreparedStatementLoad.QUERY)) {
        ResultSetMetaData metaData = described.getMetaData();
        assertThat(metaData.getColumnCount()).isEqualTo(2);
      }
      connection.commit();
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Test
  void prepareThresholdZeroReachesTheDriverOnWorkerConnections() throws SQLException {
    RoleAwareDataSource ds = routing();
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER); Connection connection = ds.getConnection()) {
      assertThat(scope.role()).isEqualTo(DbRole.WORKER);
      assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isZero();
    }
    try (Connection connection = ds.getConnection()) {
      assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(5);
    }
  }

  @Test
  void workerConnectionsLeaveNoNamedStatementOnTheServer() throws SQLException {
    RoleAwareDataSource ds = routing();
    String sql = "SELECT id FROM weaver_load WHERE id = ? AND label <> 'worker-marker'";
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER); Connection connection = ds.getConnection()) {
      assertThat(scope.role()).isEqualTo(DbRole.WORKER);
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 1; i <= 10; i++) {
          statement.setInt(1, i);
          statement.executeQuery().close();
        }
      }
      assertThat(namedStatementsFor(connection, sql)).isZero();
      connection.rollback();
    }
  }

  @Test
  void apiPoolUsesServerSidePreparedStatementsOnTheSessionEndpoint() throws SQLException {
    RoleAwareDataSource ds = routing();
    String sql = "SELECT id FROM weaver_load WHERE id = ? AND label <> 'api-marker'";
    try (Connection connection = ds.getConnection()) {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 1; i <= 10; i++) {
          statement.setInt(1, i);
          statement.executeQuery().close();
        }
        assertThat(namedStatementsFor(connection, sql)).isEqualTo(1);
      }
    }
  }

  private static long namedStatementsFor(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")) {
      long count = 0;
      String marker = sql.substring(sql.indexOf('\''));
      while (rs.next()) {
        if (rs.getString(1).contains(marker)) {
          count++;
        }
      }
      return count;
    }
  }
}
