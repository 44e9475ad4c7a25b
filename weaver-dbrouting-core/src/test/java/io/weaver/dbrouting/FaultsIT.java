package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.OwnPoolerStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker pool while its transaction pooler or PostgreSQL restarts, or the pooler freezes shorter or longer than
 * the stall bound, on a stack of this class's own: pools recover, no acknowledged commit is lost, and no caller waits
 * without bound.
 */
@SuppressWarnings("try") // freezes are held for their effect
class FaultsIT {
  private static final int WORKERS = 4;
  private static final int STALL_BOUND_SECONDS = 2;
  private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

  private static PoolerStack stack;

  @BeforeAll
  static void ownStack() throws SQLException {
    stack = OwnPoolerStack.start();
    try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE acknowledged (id bigint PRIMARY KEY)");
    }
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private static RoleAwareDataSource dataSource(String workerUrlSuffix) {
    return RoleAwareDataSource.builder().environment(Map.of(
            "DATABASE_URL", stack.url(Endpoint.SESSION),
            "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION) + workerUrlSuffix,
            "WORKER_DATABASE_POOL_MODE", "transaction",
            "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "1",
            "WORKER_DATABASE_POOL_SIZE", "2", "WORKER_DATABASE_MAX_OVERFLOW", String.valueOf(WORKERS)))
        .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS))
        .build();
  }

  @Test
  void aTransactionPoolerRestartUnderLoadLosesNoAcknowledgedCommitAndThePoolRecoversWithinTwoSeconds()
      throws Exception {
    try (RoleAwareDataSource ds = dataSource("")) {
      Load load = Load.start(ds.forRole(DbRole.WORKER));
      load.awaitCommits(200);

      stack.restartBouncer(Endpoint.TRANSACTION);
      long restarted = System.nanoTime();
      long recoveredAfter = load.awaitCommitAfter(restarted);
      load.awaitCommits(load.committed() + 200);
      load.stop();

      assertThat(recoveredAfter).as("milliseconds from the restart to the next commit").isLessThan(2_000);
      assertThat(load.missingFromTheDatabase()).as("acknowledged commits not in the table").isEmpty();
    }
  }

  @Test
  void aPostgresRestartUnderLoadLosesNoAcknowledgedCommitAndThePoolRecovers() throws Exception {
    try (RoleAwareDataSource ds = dataSource("")) {
      Load load = Load.start(ds.forRole(DbRole.WORKER));
      load.awaitCommits(200);

      stack.restartPostgres();
      long recoveredAfter = load.awaitCommitAfter(System.nanoTime());
      load.awaitCommits(load.committed() + 200);
      load.stop();

      // PgBouncer waits server_login_retry (1 s in this stack) before it logs in to PostgreSQL again
      assertThat(recoveredAfter).as("milliseconds from the restart to the next commit").isLessThan(5_000);
      assertThat(load.missingFromTheDatabase()).as("acknowledged commits not in the table").isEmpty();
    }
  }

  @Test
  void aFreezeShorterThanTheStallBoundOnlyDelaysTheCalls() throws Exception {
    try (RoleAwareDataSource ds = dataSource("?socketTimeout=" + STALL_BOUND_SECONDS)) {
      DataSource worker = ds.forRole(DbRole.WORKER);
      assertThat(select(worker)).isEqualTo(1);
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> answer;
        try (PoolerStack.Frozen frozen = stack.freezeBouncer(Endpoint.TRANSACTION)) {
          answer = caller.submit(() -> select(worker));
          Thread.sleep(STALL_BOUND_SECONDS * 1_000L / 2);
          assertThat(answer).isNotDone();
        }
        assertThat(answer.get()).isEqualTo(1);
      } finally {
        caller.shutdownNow();
      }
    }
  }

  @Test
  void aFreezeLongerThanTheStallBoundFailsTheCallsAtTheBoundAndThePoolWorksAfterwards() throws Exception {
    try (LogCapture log = new LogCapture();
        RoleAwareDataSource ds = dataSource("?socketTimeout=" + STALL_BOUND_SECONDS)) {
      DataSource worker = ds.forRole(DbRole.WORKER);
      List<Connection> warm = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        warm.add(worker.getConnection()); // opened before the freeze, so the calls below stall inside a query
      }
      ExecutorService callers = Executors.newFixedThreadPool(WORKERS);
      try (PoolerStack.Frozen frozen = stack.freezeBouncer(Endpoint.TRANSACTION)) {
        List<Future<Long>> answers = new ArrayList<>();
        for (Connection connection : warm) {
          answers.add(callers.submit(() -> {
            long started = System.nanoTime();
            try (Connection held = connection; Statement statement = held.createStatement()) {
              assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            }
            return (System.nanoTime() - started) / 1_000_000;
          }));
        }
        for (Future<Long> answer : answers) {
          assertThat(answer.get()).as("milliseconds a caller waited on the frozen pooler")
              .isBetween(STALL_BOUND_SECONDS * 1_000L - 100, STALL_BOUND_SECONDS * 1_000L + 1_000);
        }
      } finally {
        callers.shutdownNow();
      }
      assertThat(select(worker)).as("after the thaw").isEqualTo(1);
      assertThat(log.messages(Level.WARN)).filteredOn(line -> line.contains("socketTimeout")).singleElement()
          .asString().startsWith("weaver-worker - the endpoint sent nothing").contains("endpoint 127.0.0.1:");
    }
  }

  @Test
  void concurrentFirstCallersDuringAFreezeAllGetAnAnswerWithinTheConnectionTimeout() throws Exception {
    try (RoleAwareDataSource ds = dataSource("");
        PoolerStack.Frozen frozen = stack.freezeBouncer(Endpoint.TRANSACTION)) {
      ExecutorService callers = Executors.newFixedThreadPool(8);
      try {
        List<Future<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          answers.add(callers.submit(() -> {
            long started = System.nanoTime();
            RoleScope.run(DbRole.WORKER, () -> assertThatThrownBy(ds::getConnection)
                .isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("weaver-worker")
                .hasMessageContaining("mode TRANSACTION, endpoint 127.0.0.1:" + stack.port(Endpoint.TRANSACTION)));
            return (System.nanoTime() - started) / 1_000_000;
          }));
        }
        for (Future<Long> answer : answers) {
          assertThat(answer.get()).isLessThanOrEqualTo(CONNECTION_TIMEOUT_MILLIS + 1_000);
        }
      } finally {
        callers.shutdownNow();
      }
    }
  }

  private static int select(DataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Workers inserting one row per short transaction, remembering each commit the pool acknowledged. */
  private static final class Load {
    private static final AtomicLong IDS = new AtomicLong();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastCommitNanos = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    private final List<Future<?>> done = new ArrayList<>();

    static Load start(DataSource pool) {
      Load load = new Load();
      CountDownLatch started = new CountDownLatch(WORKERS);
      for (int i = 0; i < WORKERS; i++) {
        load.done.add(load.workers.submit((Callable<Void>) () -> {
          started.countDown();
          while (load.running.get()) {
            long id = IDS.incrementAndGet();
            try (Connection connection = pool.getConnection()) {
              connection.setAutoCommit(false);
              try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?)")) {
                insert.setLong(1, id);
                insert.executeUpdate();
              }
              connection.commit();
              load.acknowledged.add(id);
              load.lastCommitNanos.set(System.nanoTime());
            } catch (SQLException e) {
              Thread.sleep(20); // a failed transaction is not acknowledged; the next one tries again
            }
          }
          return null;
        }));
      }
      return load;
    }

    int committed() {
      return acknowledged.size();
    }

    void awaitCommits(int count) throws InterruptedException {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (acknowledged.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(acknowledged.size()).as("commits acknowledged").isGreaterThanOrEqualTo(count);
    }

    /** Milliseconds from {@code since} until a transaction commits after it. */
    long awaitCommitAfter(long since) throws InterruptedException {
      long deadline = since + 30_000_000_000L;
      while (lastCommitNanos.get() <= since && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(lastCommitNanos.get()).as("a commit after the fault").isGreaterThan(since);
      return (lastCommitNanos.get() - since) / 1_000_000;
    }

    void stop() throws Exception {
      running.set(false);
      for (Future<?> future : done) {
        future.get();
      }
      workers.shutdown();
    }

    Set<Long> missingFromTheDatabase() throws SQLException {
      Set<Long> missing = new java.util.HashSet<>(acknowledged);
      try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties());
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT id FROM acknowledged")) {
        while (rs.next()) {
          missing.remove(rs.getLong(1));
        }
      }
      return missing;
    }
  }
}
