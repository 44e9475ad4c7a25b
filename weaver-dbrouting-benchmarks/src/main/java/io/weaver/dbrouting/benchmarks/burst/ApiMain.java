package io.weaver.dbrouting.benchmarks.burst;

import io.weaver.dbrouting.RoleAwareDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API process: {@code ApiMain <reads per second> <threads> <result file>}, on the API role of a
 * {@link RoleAwareDataSource} built from the environment. It starts requests at a steady rate, each one connection
 * checkout and one read (the newest documents of a collection), handled by a few request threads. A request's latency
 * runs from when it was due, so that a stalled request also counts for those queued behind it. Requests due before
 * {@value Commands#MEASURE} are warm-up and not recorded, from then until {@value Commands#GO} they are the idle phase,
 * after it the burst; {@value Commands#STOP} ends the run.
 */
public final class ApiMain {
  static final String READ = "SELECT id, title, status, chunk_count FROM documents WHERE collection_id = ?"
      + " ORDER BY id DESC LIMIT 20";

  private final Latencies idle = new Latencies();
  private final Latencies burst = new Latencies();
  private final ErrorTally errors = new ErrorTally();

  private ApiMain() {}

  public static void main(String[] args) {
    ChildMain.run(args, "ApiMain <reads per second> <threads> <result file>",
        (rate, threads, commands) -> new ApiMain().run(Integer.parseInt(rate), Integer.parseInt(threads), commands));
  }

  private Map<String, String> run(int readsPerSecond, int threads, Commands commands) throws Exception {
    try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment()) {
      read(db, 0); // the pool starts and the first connection is made before anything is timed
      System.out.println(Commands.READY);
      System.out.flush();
      ExecutorService requests = Executors.newFixedThreadPool(threads);
      ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
      long periodNanos = TimeUnit.SECONDS.toNanos(1) / readsPerSecond;
      long start = System.nanoTime();
      AtomicLong ticks = new AtomicLong();
      ScheduledFuture<?> schedule = clock.scheduleAtFixedRate(() -> {
        long tick = ticks.getAndIncrement();
        long due = start + tick * periodNanos;
        Latencies phase = commands.received(Commands.GO) ? burst
            : commands.received(Commands.MEASURE) ? idle : new Latencies();
        requests.execute(() -> request(db, (int) (tick % BurstSchema.COLLECTIONS), due, phase));
      }, 0, periodNanos, TimeUnit.NANOSECONDS);
      commands.await(Commands.STOP);
      schedule.cancel(false);
      clock.shutdownNow();
      requests.shutdown();
      boolean finished = requests.awaitTermination(60, TimeUnit.SECONDS);
      Map<String, String> result = new LinkedHashMap<>();
      result.put("finished", Boolean.toString(finished));
      result.put("errors", errors.encode());
      result.put("samples.idle", idle.encode());
      result.put("samples.burst", burst.encode());
      return result;
    }
  }

  private void request(RoleAwareDataSource db, int collection, long due, Latencies phase) {
    try {
      read(db, collection);
    } catch (SQLException e) {
      errors.record(e);
    }
    phase.add((System.nanoTime() - due) / 1_000);
  }

  private static void read(RoleAwareDataSource db, int collection) throws SQLException {
    try (Connection connection = db.getConnection(); PreparedStatement read = connection.prepareStatement(READ)) {
      read.setInt(1, collection);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
        }
      }
    }
  }
}
