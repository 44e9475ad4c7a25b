package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** Routing, modes, sizes, fallback, lazy start and close, on live connections through the real poolers. */
@WithPoolerStack
@SuppressWarnings("try") // scopes are entered for their effect
class RoutingIT {
  private final PoolerStack stack;
  private final List<RoleAwareDataSource> opened = new ArrayList<>();

  RoutingIT(PoolerStack stack) {
    this.stack = stack;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RoleAwareDataSource::close);
  }

  private RoleAwareDataSource fromEnvironment(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_POOL_SIZE", "1");
    env.put("DATABASE_MAX_OVERFLOW", "2");
    env.put("WORKER_DATABASE_POOL_SIZE", "1");
    env.put("WORKER_DATABASE_MAX_OVERFLOW", "3");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(env);
    opened.add(ds);
    return ds;
  }

  private static String query(DataSource ds, String sql) throws SQLException {
    try (Connection connection = ds.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static int prepareThreshold(DataSource ds) throws SQLException {
    try (Connection connection = ds.getConnection()) {
      return connection.unwrap(PGConnection.class).getPrepareThreshold();
    }
  }

  /** Clients PgBouncer's admin console lists for an endpoint, by application_name. */
  private List<String> bouncerClients(Endpoint endpoint) {
    return stack.adminQuery(endpoint, "SHOW CLIENTS").stream().map(row -> row.get("application_name")).toList();
  }

  @Test
  void routesByRoleScopeToTheRightPoolAndEndpoint() throws SQLException {
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction");

    assertThat(query(ds, "SELECT current_setting('application_name')")).isEqualTo("weaver-api");
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER)) {
      assertThat(query(ds, "SELECT current_setting('application_name')")).isEqualTo("weaver-worker");
      try (Connection held = ds.getConnection()) {
        assertThat(bouncerClients(Endpoint.TRANSACTION)).contains("weaver-worker").doesNotContain("weaver-api");
        assertThat(bouncerClients(Endpoint.SESSION)).contains("weaver-api").doesNotContain("weaver-worker");
        assertThat(held.isValid(1)).isTrue();
      }
    }
    assertThat(query(ds, "SELECT current_setting('application_name')")).isEqualTo("weaver-api");
  }

  @Test
  void routesTasksOfWrappedExecutorsToTheWorkerPool() throws Exception {
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction");
    ExecutorService plain = Executors.newFixedThreadPool(2);
    try {
      ExecutorService worker = RoleScope.executorService(DbRole.WORKER, plain);
      assertThat(worker.submit(() -> query(ds, "SELECT current_setting('application_name')")).get())
          .isEqualTo("weaver-worker");
      assertThat(plain.submit(() -> query(ds, "SELECT current_setting('application_name')")).get())
          .isEqualTo("weaver-api");
    } finally {
      plain.shutdownNow();
    }
  }

  @Test
  void workerFallsBackToDatabaseUrlAndItsMode() throws SQLException {
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL", stack.url(Endpoint.SESSION));

    assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
    assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.SESSION);
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER); Connection held = ds.getConnection()) {
      assertThat(bouncerClients(Endpoint.SESSION)).contains("weaver-worker");
      assertThat(held.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(5);
    }
  }

  @Test
  void pgbouncerHintMeansTransactionModeOnALiveConnection() throws SQLException {
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.SESSION) + "?pgbouncer=true");

    assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
    assertThat(prepareThreshold(ds.forRole(DbRole.WORKER))).isZero();
  }

  @Test
  void explicitModesWinOnLiveConnections() throws SQLException {
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL", stack.url(Endpoint.DIRECT),
        "DATABASE_POOL_MODE", "transaction",
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "session");

    assertThat(prepareThreshold(ds.forRole(DbRole.API))).isZero();
    assertThat(prepareThreshold(ds.forRole(DbRole.WORKER))).isEqualTo(5);
  }

  @Test
  void poolSizesFromTheEnvironmentBoundTheLivePool() throws Exception {
    Map<String, String> env = Map.of("DATABASE_URL", stack.url(Endpoint.DIRECT),
        "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "1");
    RoleAwareDataSource ds = RoleAwareDataSource.builder().environment(env)
        .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(500)).build();
    opened.add(ds);
    HikariDataSource api = ds.forRole(DbRole.API).unwrap(HikariDataSource.class);

    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        held.add(ds.getConnection());
      }
      assertThat(api.getHikariPoolMXBean().getActiveConnections()).isEqualTo(3);
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
          .hasMessageContaining("weaver-api - Connection is not available");
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    assertThat(api.getMinimumIdle()).isEqualTo(2);
    assertThat(api.getMaximumPoolSize()).isEqualTo(3);
  }

  @Test
  void anApiOnlyProcessNeverTouchesAnUnreachableWorkerEndpoint() throws SQLException {
    RoleAwareDataSource ds = RoleAwareDataSource.builder().environment(Map.of("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", "postgresql://weaver:pw@127.0.0.1:1/weaver"))
        .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(1000)).build();
    opened.add(ds);

    assertThat(query(ds, "SELECT 'api works'")).isEqualTo("api works");
    HikariDataSource worker = ds.forRole(DbRole.WORKER).unwrap(HikariDataSource.class);
    assertThat(worker.isRunning()).isFalse();
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER)) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void anSslPasswordReachesNoLogLine() throws SQLException {
    String sslPassword = java.net.URLEncoder.encode(PoolerStack.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL",
        stack.url(Endpoint.DIRECT) + "?sslmode=disable&sslpassword=" + sslPassword);

    assertThat(query(ds, "SELECT 'connected'")).isEqualTo("connected"); // the suite log is checked by LogOutputIT
  }

  @Test
  void closeReleasesEveryServerConnectionAndLaterUseFails() throws Exception {
    RoleAwareDataSource ds = fromEnvironment("DATABASE_URL", stack.url(Endpoint.DIRECT) + "?application_name=closing",
        "DATABASE_POOL_SIZE", "2");
    query(ds, "SELECT 1");
    RoleScope.run(DbRole.WORKER, () -> {
      try {
        query(ds, "SELECT 1");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(serverConnections()).isPositive();

    ds.close();

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (serverConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50); // a backend leaves pg_stat_activity a moment after its client disconnects
    }
    assertThat(serverConnections()).isZero();
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
        .hasMessageContaining("RoleAwareDataSource is closed");
  }

  private long serverConnections() throws SQLException {
    try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
            + "WHERE application_name IN ('closing-api', 'closing-worker')")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
