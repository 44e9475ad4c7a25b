package io.weaver.dbrouting.examples.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.RoleScope;
import io.weaver.dbrouting.examples.documents.DocumentStore;
import io.weaver.dbrouting.examples.documents.SampleText;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenario this library exists for: a burst of uploads, each processed by workers in short transactions on the
 * worker role, while the API keeps answering reads on the API role.
 */
public final class DocumentPipeline {
  /** Words in each sample document: about a dozen chunks. */
  public static final int WORDS_PER_DOCUMENT = 300;

  /** One role's plan and the most connections it had in use at once. */
  public record RoleSummary(RolePlan plan, int peakInUse) {}

  /** What a run did. */
  public record Summary(int documents, int processed, long chunks, int errors, long apiReads, Duration elapsed,
      List<Long> documentIds, Map<DbRole, RoleSummary> roles) {}

  private final RoleAwareDataSource db;
  private final PrintStream out;

  public DocumentPipeline(RoleAwareDataSource db, PrintStream out) {
    this.db = db;
    this.out = out;
  }

  public Summary run(int documents) throws Exception {
    DocumentStore store = new DocumentStore(db);
    store.createSchema();
    long started = System.nanoTime();
    PeakSampler peaks = new PeakSampler(db);
    peaks.start();

    ExecutorService uploads = Executors.newFixedThreadPool(documents);
    ExecutorService workers = RoleScope.executorService(DbRole.WORKER,
        Executors.newFixedThreadPool(Math.min(documents, db.plan(DbRole.WORKER).maximumPoolSize())));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong apiReads = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    Thread reader = new Thread(() -> readWhileRunning(store, running, apiReads, errors), "api-reader");
    try {
      List<Future<Long>> uploaded = new ArrayList<>();
      for (int i = 0; i < documents; i++) {
        int n = i + 1;
        uploaded.add(uploads.submit(() -> store.upload("document " + n, SampleText.document(n, WORDS_PER_DOCUMENT))));
      }
      List<Long> ids = new ArrayList<>();
      for (Future<Long> id : uploaded) {
        ids.add(id.get());
      }
      out.printf("uploaded %d documents at once (API role); processing them on the worker role...%n", documents);
      reader.start();

      AtomicInteger done = new AtomicInteger();
      AtomicLong chunks = new AtomicLong();
      List<Future<?>> processing = new ArrayList<>();
      for (long id : ids) {
        processing.add(workers.submit(() -> {
          try {
            int written = store.process(id);
            chunks.addAndGet(written);
            out.printf("  [%d/%d] document %d: %d chunks written (%s role)%n", done.incrementAndGet(), documents, id,
                written, RoleScope.current());
          } catch (SQLException | RuntimeException e) {
            errors.incrementAndGet();
            out.printf("  document %d failed: %s%n", id, e.getMessage());
            store.markFailed(id);
          }
          return null;
        }));
      }
      for (Future<?> task : processing) {
        task.get(5, TimeUnit.MINUTES);
      }
      running.set(false);
      reader.join(10_000);
      peaks.stop();
      Map<DbRole, RoleSummary> roles = new EnumMap<>(DbRole.class);
      for (DbRole role : DbRole.values()) {
        roles.put(role, new RoleSummary(db.plan(role), peaks.peak(role)));
      }
      return new Summary(documents, done.get(), chunks.get(), errors.get(), apiReads.get(),
          Duration.ofNanos(System.nanoTime() - started), ids, roles);
    } finally {
      running.set(false);
      peaks.stop();
      uploads.shutdownNow();
      workers.shutdownNow();
    }
  }

  /** The API keeps serving reads while the workers run. */
  private void readWhileRunning(DocumentStore store, AtomicBoolean running, AtomicLong reads, AtomicInteger errors) {
    while (running.get()) {
      try {
        List<DocumentStore.Document> latest = store.list(10);
        if (!latest.isEmpty()) {
          store.find(latest.get(0).id());
        }
        reads.addAndGet(2);
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException e) {
        errors.incrementAndGet();
        out.printf("  API read failed: %s%n", e.getMessage());
      }
    }
  }

  /** Samples each pool's connections in use, to report the peak. */
  private static final class PeakSampler {
    private final RoleAwareDataSource db;
    private final Map<DbRole, AtomicInteger> peaks = new EnumMap<>(DbRole.class);
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::sample, "pool-sampler");

    PeakSampler(RoleAwareDataSource db) {
      this.db = db;
      for (DbRole role : DbRole.values()) {
        peaks.put(role, new AtomicInteger());
      }
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() {
      sampling.set(false);
    }

    int peak(DbRole role) {
      return counter(role).get();
    }

    /** The constructor made one for every role. */
    private AtomicInteger counter(DbRole role) {
      AtomicInteger counter = peaks.get(role);
      if (counter == null) {
        throw new IllegalStateException("no peak counter for " + role);
      }
      return counter;
    }

    private void sample() {
      while (sampling.get()) {
        for (DbRole role : DbRole.values()) {
          try {
            HikariPoolMXBean pool = db.forRole(role).unwrap(HikariDataSource.class).getHikariPoolMXBean();
            if (pool != null) {
              counter(role).accumulateAndGet(pool.getActiveConnections(), Math::max);
            }
          } catch (SQLException | IllegalStateException e) {
            return;
          }
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
