package io.weaver.dbrouting.stack;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stack is what it claims to be: three endpoints, one password, two pool modes. */
@WithPoolerStack
class PoolerStackIT {

  private final PoolerStack stack;

  PoolerStackIT(PoolerStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  static void stackIsInjectedIntoBeforeAll(PoolerStack stack) {
    assertThat(stack.directory()).isDirectory();
  }

  @Test
  void oneStackPerJvm(PoolerStack injected) {
    assertThat(injected).isSameAs(stack);
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void logsInWithThePasswordThroughEveryEndpoint(Endpoint endpoint) throws SQLException {
    try (Connection c = stack.connect(endpoint, new Properties())) {
      assertThat(query(c, "select current_user")).isEqualTo(PoolerStack.USER);
      assertThat(query(c, "select current_database()")).isEqualTo(PoolerStack.DATABASE);
      assertThat(query(c, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("true");
    }
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void refusesAWrongPassword(Endpoint endpoint) {
    Properties wrong = new Properties();
    wrong.setProperty("password", PoolerStack.PASSWORD + "x");
    assertThatThrownBy(() -> stack.connect(endpoint, wrong).close())
        .isInstanceOf(SQLException.class)
        // PostgreSQL: password authentication failed for user "weaver"; PgBouncer: SASL authentication failed
        .hasMessageMatching("(?s).*(password|SASL) authentication failed.*");
  }

  @Test
  void urlsCarryThePercentEncodedPassword() throws Exception {
    for (Endpoint e : Endpoint.values()) {
      String url = stack.url(e);
      assertThat(url).startsWith("postgresql://weaver:").endsWith("@127.0.0.1:" + stack.port(e) + "/weaver");
      URI uri = new URI(url);
      assertThat(uri.getRawUserInfo()).matches("weaver:([A-Za-z0-9._~-]|%[0-9A-F]{2})+");
      assertThat(uri.getUserInfo()).isEqualTo(PoolerStack.USER + ":" + PoolerStack.PASSWORD);
      assertThat(uri.getHost()).isEqualTo(stack.host()).isEqualTo("127.0.0.1");
      assertThat(uri.getPort()).isEqualTo(stack.port(e));
      assertThat(uri.getPath()).isEqualTo("/weaver");
      assertThat(stack.jdbcUrl(e)).isEqualTo("jdbc:postgresql://127.0.0.1:" + stack.port(e) + "/weaver");
    }
    assertThat(stack.port(Endpoint.TRANSACTION)).as("a free port, so that a taken 6543 stops nothing")
        .isNotEqualTo(PoolerStack.TRANSACTION_PORT);
    assertThat(Set.of(stack.port(Endpoint.DIRECT), stack.port(Endpoint.SESSION), stack.port(Endpoint.TRANSACTION)))
        .hasSize(3);
  }

  @Test
  void sessionModeKeepsOneBackendPerClient() throws SQLException {
    try (Connection a = stack.connect(Endpoint.SESSION, new Properties());
        Connection b = stack.connect(Endpoint.SESSION, new Properties())) {
      int first = backendPid(a);
      b.setAutoCommit(false);
      int held = backendPid(b); // b's transaction stays open across a's next statement
      int second = backendPid(a);
      b.rollback();
      assertThat(second).isEqualTo(first);
      assertThat(held).isNotEqualTo(first);
      assertThat(backendPid(a)).isEqualTo(first);
    }
  }

  @Test
  void sessionModeGivesEachOfManyClientsItsOwnBackend() throws SQLException {
    List<Connection> clients = new ArrayList<>();
    try {
      Set<Integer> pids = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        Connection c = stack.connect(Endpoint.SESSION, new Properties());
        clients.add(c);
        pids.add(backendPid(c));
      }
      assertThat(pids).hasSize(6);
    } finally {
      closeAll(clients);
    }
  }

  @Test
  void sessionModeRefusesClientsOverMaxClientConn() throws SQLException {
    List<Connection> clients = new ArrayList<>();
    try {
      for (int i = 0; i < PoolerStack.SESSION_MAX_CLIENT_CONN; i++) {
        clients.add(stack.connect(Endpoint.SESSION, new Properties()));
      }
      assertThatThrownBy(() -> stack.connect(Endpoint.SESSION, new Properties()).close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no more connections allowed (max_client_conn)");
    } finally {
      closeAll(clients);
    }
  }

  /**
   * Deterministic: with the pool capped at {@value PoolerStack#TRANSACTION_DEFAULT_POOL_SIZE} server
   * connections, four clients holding open transactions hold every server connection, so one of
   * them holds the backend client A used a moment ago; once the other three commit, A's next
   * transaction can only run on a different backend.
   */
  @Test
  void transactionModeMovesAClientBetweenBackends() throws SQLException {
    List<Connection> holders = new ArrayList<>();
    try (Connection a = stack.connect(Endpoint.TRANSACTION, new Properties())) {
      int before = backendPid(a);
      Map<Integer, Connection> byPid = new HashMap<>();
      for (int i = 0; i < PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE; i++) {
        Connection b = stack.connect(Endpoint.TRANSACTION, new Properties());
        holders.add(b);
        b.setAutoCommit(false);
        byPid.put(backendPid(b), b);
      }
      assertThat(byPid).hasSize(PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE).containsKey(before);
      for (Map.Entry<Integer, Connection> held : byPid.entrySet()) {
        if (held.getKey() != before) {
          held.getValue().commit();
        }
      }
      int after = backendPid(a);
      assertThat(after).isNotEqualTo(before).isIn(byPid.keySet());
    } finally {
      closeAll(holders);
    }
  }

  @Test
  void transactionModeSharesFewBackendsAmongManyClients() throws SQLException {
    List<Connection> clients = new ArrayList<>();
    try {
      Set<Integer> pids = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        clients.add(stack.connect(Endpoint.TRANSACTION, new Properties()));
      }
      for (int round = 0; round < 3; round++) {
        for (Connection c : clients) {
          pids.add(backendPid(c));
        }
      }
      assertThat(pids).isNotEmpty().hasSizeLessThanOrEqualTo(PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE);
    } finally {
      closeAll(clients);
    }
  }

  @Test
  void bouncersRunTheConfigurationTheTestsRelyOn() throws SQLException {
    Map<String, String> session = showConfig(Endpoint.SESSION);
    assertThat(session).containsEntry("pool_mode", "session")
        .containsEntry("listen_port", Integer.toString(stack.port(Endpoint.SESSION)))
        .containsEntry("max_client_conn", Integer.toString(PoolerStack.SESSION_MAX_CLIENT_CONN))
        .containsEntry("auth_type", "scram-sha-256")
        .containsEntry("ignore_startup_parameters", "")
        .containsEntry("server_login_retry", "1");

    Map<String, String> transaction = showConfig(Endpoint.TRANSACTION);
    assertThat(transaction).containsEntry("pool_mode", "transaction")
        .containsEntry("listen_port", Integer.toString(stack.port(Endpoint.TRANSACTION)))
        .containsEntry("default_pool_size", Integer.toString(PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE))
        .containsEntry("auth_type", "scram-sha-256")
        .containsEntry("ignore_startup_parameters", "")
        .containsEntry("server_login_retry", "1");
  }

  @Test
  void logTailLabelsAllThreeLogs() {
    String tail = stack.logTail(1_000_000);
    assertThat(tail).contains("==== postgres", "==== pgbouncer session", "==== pgbouncer transaction");
    assertThat(tail).contains("database system is ready to accept connections").contains("process up: PgBouncer");
  }

  /** SHOW CONFIG on PgBouncer's admin console (database pgbouncer; weaver is in admin_users). */
  private Map<String, String> showConfig(Endpoint e) {
    Map<String, String> config = new HashMap<>();
    for (Map<String, String> row : stack.adminQuery(e, "SHOW CONFIG")) {
      config.put(row.get("key"), row.get("value"));
    }
    return config;
  }

  private static int backendPid(Connection c) throws SQLException {
    return Integer.parseInt(query(c, "select pg_backend_pid()"));
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void closeAll(List<Connection> connections) throws SQLException {
    for (Connection c : connections) {
      c.close();
    }
  }
}
