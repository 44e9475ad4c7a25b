package io.weaver.dbrouting.benchmarks.burst;

import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RoleScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * One worker process: {@code WorkerMain <name> <threads> <result file>}. Its data source comes from the environment
 * as a user's would: the library's ({@code DATABASE_URL}, {@code WORKER_DATABASE_URL}, ...), or, when
 * {@value #PLAIN_JDBC_URL} is set, a plain HikariCP pool with pgjdbc's defaults. After {@value Commands#GO} its
 * threads claim and process documents until none is pending (or {@value Commands#STOP}). A step that fails is
 * counted by SQLSTATE and its document marked failed and skipped, not retried.
 */
public final class WorkerMain {
  static final String PLAIN_JDBC_URL = "BURST_PLAIN_JDBC_URL";
  static final String PLAIN_USER = "BURST_PLAIN_USER";
  static final String PLAIN_PASSWORD = "BURST_PLAIN_PASSWORD";
  /** The plain pool's sizes: the library's worker defaults, HikariCP's minimumIdle and maximumPoolSize. */
  static final int PLAIN_MINIMUM_IDLE = 5;
  static final int PLAIN_MAXIMUM_POOL_SIZE = 15;

  private final Latencies documents = new Latencies();
  private final Latencies reads = new Latencies();
  private final Latencies inserts = new Latencies();
  private final ErrorTally errors = new ErrorTally();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private WorkerMain() {}

  public static void main(String[] args) {
    ChildMain.run(args, "WorkerMain <name> <threads> <result file>",
        (name, threads, commands) -> new WorkerMain().run(name, Integer.parseInt(threads), commands));
  }

  private Map<String, String> run(String name, int threads, Commands commands) throws Exception {
    String plainUrl = System.getenv(PLAIN_JDBC_URL);
    try (AutoCloseable pool = plainUrl == null ? RoleAwareDataSource.fromEnvironment() : plainPool(plainUrl)) {
      DataSource dataSource = (DataSource) pool;
      String prepareThreshold = prepareThreshold(dataSource);
      System.out.println(Commands.READY);
      System.out.flush();
      Map<String, String> result = new LinkedHashMap<>();
      result.put("prepareThreshold", prepareThreshold);
      if (!commands.await(Commands.GO)) {
        return result;
      }
      long started = System.currentTimeMillis();
      DocumentSteps steps = new DocumentSteps(dataSource, name);
      ExecutorService executor = RoleScope.executorService(DbRole.WORKER, Executors.newFixedThreadPool(threads));
      List<Future<?>> loops = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        loops.add(executor.submit(() -> processUntilNoneLeft(steps, commands)));
      }
      for (Future<?> loop : loops) {
        loop.get();
      }
      executor.shutdown();
      result.put("startedAtMillis", Long.toString(started));
      result.put("finishedAtMillis", Long.toString(System.currentTimeMillis()));
      result.put("documentsDone", Long.toString(done.get()));
      result.put("documentsFailed", Long.toString(failed.get()));
      result.put("errors", errors.encode());
      result.put("samples.document", documents.encode());
      result.put("samples.read", reads.encode());
      result.put("samples.insert", inserts.encode());
      return result;
    }
  }

  private void processUntilNoneLeft(DocumentSteps steps, Commands commands) {
    while (!commands.received(Commands.STOP)) {
      long started = System.nanoTime();
      DocumentSteps.Claimed document;
      try {
        document = steps.claim();
      } catch (SQLException e) {
        errors.record(e);
        continue;
      }
      if (document == null) {
        return;
      }
      try {
        steps.readWithNeighbours(document.id(), reads);
        for (int position = 0; position < DocumentSteps.CHUNKS_PER_DOCUMENT; position++) {
          steps.insertChunk(document, position, inserts);
        }
        steps.markDone(document.id());
        documents.add((System.nanoTime() - started) / 1_000);
        done.incrementAndGet();
      } catch (SQLException e) {
        errors.record(e);
        failed.incrementAndGet();
        markFailed(steps, document.id());
      } catch (RuntimeException e) {
        errors.add(e.getClass().getSimpleName(), 1);
        failed.incrementAndGet();
        markFailed(steps, document.id());
      }
    }
  }

  private void markFailed(DocumentSteps steps, long id) {
    try {
      steps.markFailed(id);
    } catch (SQLException e) {
      errors.record(e);
    }
  }

  /** pgjdbc's prepareThreshold on a worker connection, as the driver applies it; or why it could not be read. */
  @SuppressWarnings("try") // the scope routes getConnection() to the worker pool
  private static String prepareThreshold(DataSource dataSource) {
    try (RoleScope scope = RoleScope.enter(DbRole.WORKER); Connection connection = dataSource.getConnection()) {
      return Integer.toString(connection.unwrap(PGConnection.class).getPrepareThreshold());
    } catch (SQLException e) {
      return "unknown (" + e.getSQLState() + ")";
    }
  }

  private static HikariDataSource plainPool(String jdbcUrl) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("plain-worker");
    pool.setJdbcUrl(jdbcUrl);
    pool.setUsername(System.getenv(PLAIN_USER));
    pool.setPassword(System.getenv(PLAIN_PASSWORD));
    pool.setMinimumIdle(PLAIN_MINIMUM_IDLE);
    pool.setMaximumPoolSize(PLAIN_MAXIMUM_POOL_SIZE);
    return pool;
  }
}
