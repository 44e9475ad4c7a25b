package io.weaver.dbrouting.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RoleScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * {@code getConnection()} + {@code close()} over two warm 4-connection HikariCP pools on {@link StubDriver}, so only
 * pool and routing overhead is measured:
 * <ul>
 *   <li>{@code rawHikari}: the API pool's {@link HikariDataSource} itself;
 *   <li>{@code rawHikariWorker}: the worker pool's {@link HikariDataSource} itself (its connections carry the
 *       transaction-mode wrapper), the baseline of {@code roleAwareWorker}: routing is what the two differ by;
 *   <li>{@code roleAware}: {@link RoleAwareDataSource#getConnection()} with no {@link RoleScope} (API pool);
 *   <li>{@code roleAwareWithThreadState}: {@code roleAware} with a per-thread JMH state that does nothing, the control
 *       for the two scoped variants (which take one);
 *   <li>{@code roleAwareInApiScope}: {@code roleAware} inside a {@code RoleScope(API)} entered once per thread: the
 *       API pool, found through an open scope;
 *   <li>{@code roleAwareWorker}: the same inside a {@code RoleScope(WORKER)} entered once per benchmark thread, so
 *       the routing to the worker pool is measured, not entering the scope;
 *   <li>{@code springRouting}: Spring's {@link AbstractRoutingDataSource} over the same two pools, keyed by
 *       {@link RoleScope#current()}.
 * </ul>
 * Every benchmark runs in its own fork, which builds the pools afresh with the same settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Threads(1)
public class GetConnectionBenchmark {
  static final int POOL_SIZE = 4;
  static final String API_URL = "postgresql://bench:bench@127.0.0.1:5432/bench";
  static final String WORKER_URL = "postgresql://bench:bench@127.0.0.1:6543/bench";

  /** Spring's routing data source, keyed by the thread's role as the library's own routing is. */
  static final class RoleRoutingDataSource extends AbstractRoutingDataSource {
    @Override
    protected Object determineCurrentLookupKey() {
      return RoleScope.current();
    }
  }

  /** The two pools, built once per fork and warmed before measuring. */
  @State(Scope.Benchmark)
  public static class Pools {
    RoleAwareDataSource roleAware;
    HikariDataSource apiPool;
    HikariDataSource workerPool;
    RoleRoutingDataSource springRouting;

    @Setup(Level.Trial)
    public void start() throws SQLException {
      RoleAwareDataSource.Builder builder = RoleAwareDataSource.builder()
          .databaseUrl(API_URL)
          .workerDatabaseUrl(WORKER_URL)
          .poolSize(DbRole.API, POOL_SIZE).maxOverflow(DbRole.API, 0)
          .poolSize(DbRole.WORKER, POOL_SIZE).maxOverflow(DbRole.WORKER, 0);
      for (DbRole role : DbRole.values()) {
        builder.customizeHikari(role, c -> c.setDriverClassName(StubDriver.class.getName()));
      }
      roleAware = builder.build();
      apiPool = roleAware.forRole(DbRole.API).unwrap(HikariDataSource.class);
      workerPool = roleAware.forRole(DbRole.WORKER).unwrap(HikariDataSource.class);

      springRouting = new RoleRoutingDataSource();
      springRouting.setTargetDataSources(Map.of(DbRole.API, apiPool, DbRole.WORKER, workerPool));
      springRouting.afterPropertiesSet();

      int connectsBefore = StubDriver.connects();
      warm(apiPool, ":5432/");
      warm(workerPool, ":6543/");
      check(StubDriver.connects() - connectsBefore >= 2 * POOL_SIZE,
          "HikariCP did not open its connections through StubDriver: " + (StubDriver.connects() - connectsBefore)
              + " connects");

      checkRoute("roleAware", roleAware, ":5432/");
      checkRoute("springRouting", springRouting, ":5432/");
      try (RoleScope scope = RoleScope.enter(DbRole.WORKER)) {
        check(scope.role() == RoleScope.current(), "RoleScope.enter(WORKER) did not take effect");
        checkRoute("springRouting in RoleScope(WORKER)", springRouting, ":6543/");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      roleAware.close();
    }

    /** Holds all connections of {@code pool} at once, so every one is open and idle before measuring. */
    private static void warm(HikariDataSource pool, String endpoint) throws SQLException {
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < POOL_SIZE; i++) {
          Connection connection = pool.getConnection();
          held.add(connection);
          String url = StubDriver.urlOf(connection);
          check(url != null && url.contains(endpoint), pool.getPoolName() + " handed out " + url
              + ", not a StubDriver connection to " + endpoint);
        }
      } finally {
        for (Connection connection : held) {
          connection.close();
        }
      }
      check(pool.getHikariPoolMXBean().getTotalConnections() == POOL_SIZE
              && pool.getHikariPoolMXBean().getIdleConnections() == POOL_SIZE,
          pool.getPoolName() + " is not warm: " + pool.getHikariPoolMXBean().getTotalConnections() + " open, "
              + pool.getHikariPoolMXBean().getIdleConnections() + " idle");
    }
  }

  /** A RoleScope(WORKER) entered once by each benchmark thread, before its first measured call. */
  @State(Scope.Thread)
  public static class WorkerScope {
    RoleScope scope;

    @Setup(Level.Trial)
    public void enter(Pools pools) throws SQLException {
      scope = RoleScope.enter(DbRole.WORKER);
      int activeBefore = pools.workerPool.getHikariPoolMXBean().getActiveConnections();
      try (Connection connection = pools.roleAware.getConnection()) {
        int active = pools.workerPool.getHikariPoolMXBean().getActiveConnections();
        check(active == activeBefore + 1, "roleAwareWorker did not borrow from " + pools.workerPool.getPoolName()
            + ": its active connections went from " + activeBefore + " to " + active);
        String url = StubDriver.urlOf(connection);
        check(url != null && url.contains(":6543/"), "roleAwareWorker got " + url + ", not the worker endpoint");
      }
    }

    /** JMH may move a benchmark to another thread between iterations only by a bug, but a lost scope would skew. */
    @Setup(Level.Iteration)
    public void stillWorker() {
      check(RoleScope.current() == DbRole.WORKER, "benchmark thread " + Thread.currentThread().getName()
          + " is not in RoleScope(WORKER)");
    }

    @TearDown(Level.Trial)
    public void exit() {
      scope.close();
    }
  }

  @Benchmark
  public Connection rawHikari(Pools pools) throws SQLException {
    Connection connection = pools.apiPool.getConnection();
    connection.close();
    return connection;
  }

  @Benchmark
  public Connection rawHikariWorker(Pools pools) throws SQLException {
    Connection connection = pools.workerPool.getConnection();
    connection.close();
    return connection;
  }

  @Benchmark
  public Connection roleAware(Pools pools) throws SQLException {
    Connection connection = pools.roleAware.getConnection();
    connection.close();
    return connection;
  }

  @Benchmark
  public Connection roleAwareWorker(Pools pools, WorkerScope worker) throws SQLException {
    Connection connection = pools.roleAware.getConnection();
    connection.close();
    return connection;
  }

  /** A RoleScope(API) entered once by each benchmark thread: the API pool, reached through an open scope. */
  @State(Scope.Thread)
  public static class ApiScope {
    RoleScope scope;

    @Setup(Level.Trial)
    public void enter() {
      scope = RoleScope.enter(DbRole.API);
    }

    @TearDown(Level.Trial)
    public void exit() {
      scope.close();
    }
  }

  /** A per-thread state that enters no scope: what passing a thread state to a benchmark costs by itself. */
  @State(Scope.Thread)
  public static class NoScope {
    int unused;
  }

  @Benchmark
  public Connection roleAwareWithThreadState(Pools pools, NoScope none) throws SQLException {
    Connection connection = pools.roleAware.getConnection();
    connection.close();
    return connection;
  }

  @Benchmark
  public Connection roleAwareInApiScope(Pools pools, ApiScope api) throws SQLException {
    Connection connection = pools.roleAware.getConnection();
    connection.close();
    return connection;
  }

  @Benchmark
  public Connection springRouting(Pools pools) throws SQLException {
    Connection connection = pools.springRouting.getConnection();
    connection.close();
    return connection;
  }

  private static void checkRoute(String name, DataSource dataSource, String endpoint) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      String url = StubDriver.urlOf(connection);
      check(url != null && url.contains(endpoint), name + " got " + url + ", expected a connection to " + endpoint);
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("benchmark setup is wrong: " + message);
    }
  }
}
