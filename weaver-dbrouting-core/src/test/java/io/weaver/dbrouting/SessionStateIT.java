package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What a pool's connections send on opening, read from PostgreSQL's own statement log. */
@WithPoolerStack
class SessionStateIT {
  private final PoolerStack stack;

  SessionStateIT(PoolerStack stack) {
    this.stack = stack;
  }

  @Test
  void poolConnectionsSendNoSetAfterConnectingAndNameTheirRole() throws Exception {
    setStatementLogging("all");
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", stack.url(Endpoint.DIRECT), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "0",
        "WORKER_DATABASE_POOL_SIZE", "1", "WORKER_DATABASE_MAX_OVERFLOW", "0"))) {
      for (DbRole role : DbRole.values()) {
        int pid;
        String applicationName;
        try (Connection connection = ds.forRole(role).getConnection();
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT pg_backend_pid(), current_setting('application_name')")) {
          rs.next();
          pid = rs.getInt(1);
          applicationName = rs.getString(2);
        }

        assertThat(applicationName).isEqualTo(role.poolName());
        assertThat(statementsOf(pid)).as("statements sent by %s's connection", role)
            .isNotEmpty()
            .noneMatch(line -> line.toUpperCase(java.util.Locale.ROOT).contains("STATEMENT: SET"));
      }
    } finally {
      setStatementLogging(null);
    }
  }

  @Test
  void serverSettingsAreLiveOnSessionPoolConnectionsAndRefusedOnTransactionPools() throws Exception {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "1",
        "DATABASE_SERVER_SETTINGS", "jit=off,statement_timeout=30s"));
        Connection connection = ds.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('jit'), current_setting('statement_timeout')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("off");
      assertThat(rs.getString(2)).isEqualTo("30s");
    }
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction",
        "WORKER_DATABASE_SERVER_SETTINGS", "jit=off")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("ALTER ROLE <user> SET jit = 'off'")
        .message().doesNotContain(PoolerStack.PASSWORD);
  }

  @Test
  void poolConnectionsReallyUseTcpKeepalive() throws Exception {
    List<Path> tcpTables = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")); // Java sockets may be IPv6
    Assumptions.assumeTrue(Files.isReadable(tcpTables.get(0)), "the kernel's TCP tables are readable (Linux)");
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", stack.url(Endpoint.DIRECT), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "0"));
        Connection pooled = ds.getConnection();
        Connection plain = stack.connect(Endpoint.DIRECT, new Properties())) {
      assertThat(keepaliveTimer(tcpTables, clientPort(pooled))).as("pool connection").isTrue();
      assertThat(keepaliveTimer(tcpTables, clientPort(plain))).as("pgjdbc default connection").isFalse();
    }
  }

  private static int clientPort(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT inet_client_port()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Whether the kernel runs a keepalive timer (timer kind 2) on the local socket bound to {@code port}. */
  private static boolean keepaliveTimer(List<Path> tcpTables, int port) throws Exception {
    String local = String.format(":%04X", port);
    for (Path table : tcpTables) {
      if (!Files.isReadable(table)) {
        continue;
      }
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        String[] fields = line.trim().split("\\s+", -1);
        if (fields.length > 5 && fields[1].endsWith(local) && fields[3].equals("01")) {
          return fields[5].startsWith("02:");
        }
      }
    }
    throw new AssertionError("no established socket on local port " + port);
  }

  private List<String> statementsOf(int pid) throws Exception {
    List<String> lines = Files.readAllLines(stack.directory().resolve("postgres.log"), StandardCharsets.UTF_8);
    return lines.stream().filter(line -> line.contains("[" + pid + "]") && line.contains("statement:")).toList();
  }

  private void setStatementLogging(String value) throws SQLException {
    try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties());
        Statement statement = connection.createStatement()) {
      statement.execute(value == null ? "ALTER DATABASE weaver RESET log_statement"
          : "ALTER DATABASE weaver SET log_statement = '" + value + "'");
    }
  }
}
