package io.weaver.dbrouting.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.test.internal.LeakCheck;
import io.weaver.dbrouting.test.internal.SharedPoolers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The leak check catches each kind of session state that a plain pgjdbc client leaves on the transaction pooler, says
 * what causes it, cleans it up so that the next test starts clean, and passes the same work done through the worker
 * role of RoleAwareDataSource. The sample classes run only inside EngineTestKit.
 */
@PoolerStackTest
class LeakCheckIT {

  @Test
  void setSearchPathIsCaughtWithItsCause() {
    assertFailsWith("setSearchPath", "setting search_path = 'leaky_schema, public'",
        "set by SET search_path, set_config('search_path', ..., false) or pgjdbc's Connection#setSchema",
        "use SET LOCAL search_path");
  }

  @Test
  void sessionCharacteristicsAreCaughtWithTheirCause() {
    assertFailsWith("setSessionCharacteristics", "setting default_transaction_isolation = 'serializable'",
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL", "Connection#setTransactionIsolation");
  }

  @Test
  void pgjdbcSetTransactionIsolationOutsideATransactionIsCaught() {
    assertFailsWith("setTransactionIsolationInAutocommit", "setting default_transaction_isolation = 'serializable'");
  }

  @Test
  void sqlPrepareIsCaughtWithItsCause() {
    assertFailsWith("sqlPrepare", "prepared statement \"leaky_statement\": PREPARE leaky_statement AS SELECT 1",
        "SQL PREPARE, which no PgBouncer tracks");
  }

  @Test
  void sessionAdvisoryLockIsCaughtWithItsCause() {
    assertFailsWith("advisoryLock", "advisory lock 4242 (pg_advisory_lock / pg_try_advisory_lock",
        "use pg_advisory_xact_lock");
  }

  @Test
  void temporaryTableIsCaughtWithItsCause() {
    assertFailsWith("temporaryTable", "temporary relation leaky_temp (CREATE TEMP TABLE", "ON COMMIT DROP");
  }

  @Test
  void listenIsCaughtWithItsCause() {
    assertFailsWith("listen", "LISTEN channel leaky_channel (LISTEN needs one server connection");
  }

  @Test
  void heldCursorIsCaughtWithItsCause() {
    assertFailsWith("heldCursor", "cursor \"leaky_cursor\": DECLARE leaky_cursor CURSOR WITH HOLD",
        "CLOSE it before the transaction ends");
  }

  @Test
  void driverNamedStatementsAreCaughtUnlessPgbouncerTracksThem() {
    for (String method : new String[] {"preparedStatementWithDriverDefaults", "commitWithDriverDefaults"}) {
      Events tests = run(selectMethod(DriverNamedStatements.class, method, PoolerUrls.class.getName()));

      if (pgbouncerKeepsPreparedStatements()) { // renamed to PgBouncer's own PGBOUNCER_n, which are not leaks
        assertThat(failureMessages(tests)).as(method).isEmpty();
      } else {
        assertThat(failureMessages(tests)).as(method).singleElement().asString()
            .containsPattern("prepared statement \"S_\\d+\": ")
            .contains("(a driver's named protocol-level statement");
      }
    }
  }

  @Test
  void eachLeakyTestFailsWithItsOwnLeftoversOnlyAndTheCleanOnePasses() {
    Events tests = run(selectClass(PlainPgjdbcLeaks.class));

    assertThat(failureMessages(tests)).as("failures").hasSize(8);
    tests.assertStatistics(stats -> stats.started(9).succeeded(1).failed(8));
    assertThat(tests.failed().stream().map(LeakCheckIT::failureMessage))
        .allSatisfy(message -> assertThat(message.split("\n    - ", -1)).as(message).hasSize(2));
  }

  @Test
  void theSameWorkThroughTheWorkerRoleIsClean() {
    Events tests = run(selectClass(WorkerRoleDoesItRight.class));

    assertThat(failureMessages(tests)).as("failures").isEmpty();
    tests.assertStatistics(stats -> stats.started(5).succeeded(5));
  }

  @Test
  void aTransactionLeftOpenFailsTheCheckSayingSo() throws SQLException {
    Events tests = run(selectClass(TransactionLeftOpen.class));
    TransactionLeftOpen.open.close();

    assertThat(failureMessages(tests)).singleElement().asString()
        .startsWith("weaver-dbrouting-test's leak check could hold only 3 of 4 transactions through the transaction "
            + "pooler at once (")
        .contains("A connection of the test's code that is still inside a transaction keeps a server connection "
            + "busy");
  }

  @Test
  void aClassThatOptsOutPassesAndItsLeftoverIsCleanedByTheNextCheck() {
    run(selectClass(OptedOut.class)).assertStatistics(stats -> stats.started(1).succeeded(1));

    String found = LeakCheck.run(SharedPoolers.get());

    assertThat(found).contains("setting search_path = 'opted_out'").startsWith("1 of 4 server connections");
    assertThat(LeakCheck.run(SharedPoolers.get())).as("cleaned up by the check before").isNull();
  }

  private static void assertFailsWith(String method, String... expected) {
    Events tests = run(selectMethod(PlainPgjdbcLeaks.class, method, PoolerUrls.class.getName()));

    assertThat(failureMessages(tests)).as("failures").hasSize(1);
    tests.assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failureMessages(tests).get(0))
        .startsWith("1 of 4 server connections of the transaction pooler were left with session state after this "
            + "test; the next client that gets one inherits it:\n  server connection (backend pid ")
        .contains(expected)
        .endsWith("weaver-dbrouting-test's leak check has cleaned these up. Turn it off for a test class with "
            + "@PoolerStackTest(leakCheck = false).");
  }

  /** PgBouncer 1.21+ with max_prepared_statements above 0, which the stack's description names. */
  private static boolean pgbouncerKeepsPreparedStatements() {
    return SharedPoolers.get().description().contains("(max_prepared_statements ");
  }

  private static Events run(org.junit.platform.engine.DiscoverySelector selector) {
    return EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
  }

  private static java.util.List<String> failureMessages(Events tests) {
    return tests.failed().stream().map(LeakCheckIT::failureMessage).toList();
  }

  private static String failureMessage(org.junit.platform.testkit.engine.Event event) {
    return event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
        .map(Throwable::getMessage).orElse("");
  }

  /** Leaks through a plain pgjdbc connection (autocommit, driver defaults) to the transaction pooler. */
  @PoolerStackTest
  static class PlainPgjdbcLeaks {

    @Test
    void setSearchPath(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(), "SET search_path = leaky_schema, public");
    }

    @Test
    void setSessionCharacteristics(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(),
          "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
    }

    @Test
    void setTransactionIsolationInAutocommit(PoolerUrls urls) throws SQLException {
      try (Connection c = PlainPgjdbc.connect(urls.workerDatabaseUrl())) {
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      }
    }

    @Test
    void sqlPrepare(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(), "PREPARE leaky_statement AS SELECT 1");
    }

    @Test
    void advisoryLock(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(), "SELECT pg_advisory_lock(4242)");
    }

    @Test
    void temporaryTable(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(), "CREATE TEMP TABLE leaky_temp (id int)");
    }

    @Test
    void listen(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(), "LISTEN leaky_channel");
    }

    @Test
    void heldCursor(PoolerUrls urls) throws SQLException {
      try (Connection c = PlainPgjdbc.connect(urls.workerDatabaseUrl(), PlainPgjdbc.unnamedStatements());
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.execute("DECLARE leaky_cursor CURSOR WITH HOLD FOR SELECT 1");
        c.commit();
      }
    }

    @Test
    void transactionScopedWork(PoolerUrls urls) throws SQLException {
      try (Connection c = PlainPgjdbc.connect(urls.workerDatabaseUrl(), PlainPgjdbc.unnamedStatements());
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.execute("SET LOCAL search_path = leaky_schema, public");
        s.execute("SELECT pg_advisory_xact_lock(4242)");
        s.execute("CREATE TEMP TABLE scoped_temp (id int) ON COMMIT DROP");
        c.commit();
      }
    }
  }

  /** pgjdbc's defaults (prepareThreshold=5) name server-side statements, its COMMIT among them. */
  @PoolerStackTest
  static class DriverNamedStatements {

    @Test
    void preparedStatementWithDriverDefaults(PoolerUrls urls) throws SQLException {
      try (Connection c = PlainPgjdbc.connect(urls.workerDatabaseUrl())) {
        PlainPgjdbc.executeRepeatedly(c, "SELECT ?::int + 1", 6);
      }
    }

    @Test
    void commitWithDriverDefaults(PoolerUrls urls) throws SQLException {
      try (Connection c = PlainPgjdbc.connect(urls.workerDatabaseUrl()); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.execute("SELECT 1");
        c.commit();
      }
    }
  }

  /** The same work through the worker role, which refuses session state or scopes it to the transaction. */
  @PoolerStackTest
  static class WorkerRoleDoesItRight {

    @Test
    void setSchemaIsRefused(PoolerUrls urls) throws SQLException {
      try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(urls.environment());
          Connection c = db.forRole(DbRole.WORKER).getConnection()) {
        assertThatThrownBy(() -> c.setSchema("leaky_schema")).isInstanceOf(SQLException.class)
            .hasMessageContaining("SET search_path");
      }
    }

    @Test
    void isolationLevelIsScopedToTheTransaction(PoolerUrls urls) throws SQLException {
      try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(urls.environment());
          Connection c = db.forRole(DbRole.WORKER).getConnection()) {
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        c.setAutoCommit(false);
        assertThat(query(c, "SHOW transaction_isolation")).isEqualTo("serializable");
        c.commit();
      }
    }

    @Test
    void repeatedPreparedStatementsNameNothing(PoolerUrls urls) throws SQLException {
      try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(urls.environment());
          Connection c = db.forRole(DbRole.WORKER).getConnection()) {
        PlainPgjdbc.executeRepeatedly(c, "SELECT ?::int + 1", 10);
      }
    }

    @Test
    void searchPathAndLockPerTransaction(PoolerUrls urls) throws SQLException {
      try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(urls.environment());
          Connection c = db.forRole(DbRole.WORKER).getConnection(); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.execute("SET LOCAL search_path = leaky_schema, public");
        s.execute("SELECT pg_advisory_xact_lock(4242)");
        c.commit();
      }
    }

    @Test
    void environmentNamesTheTransactionMode(PoolerUrls urls) {
      assertThat(urls.environment()).containsEntry("WORKER_DATABASE_POOL_MODE", "transaction");
      assertThat(Map.copyOf(urls.environment())).hasSize(3);
    }

    private static String query(Connection c, String sql) throws SQLException {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** Ends with a transaction still open on the transaction pooler. */
  @PoolerStackTest
  static class TransactionLeftOpen {
    static Connection open;

    @Test
    void leavesATransactionOpen(PoolerUrls urls) throws SQLException {
      open = PlainPgjdbc.connect(urls.workerDatabaseUrl(), PlainPgjdbc.unnamedStatements());
      open.setAutoCommit(false);
      try (Statement s = open.createStatement()) {
        s.execute("SELECT 1");
      }
    }
  }

  /** Leaks, but has turned the check off. */
  @PoolerStackTest(leakCheck = false)
  static class OptedOut {

    @Test
    void setSearchPath(PoolerUrls urls) throws SQLException {
      PlainPgjdbc.run(urls.workerDatabaseUrl(), "SET search_path = opted_out");
    }
  }
}
