package io.weaver.dbrouting.test.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link Poolers} of this JVM, started on first use and stopped when the last lease is closed. JUnit holds a
 * lease per test run (in its root context's store, which closes it when the run ends), so that runs nested in a run
 * (e.g. JUnit's EngineTestKit) share the stack without stopping it; the devstack's shutdown hook and watchdog cover a
 * JVM that ends or dies first. A failed start is remembered, so that each later class fails at once with the same
 * reason instead of trying again.
 */
public final class SharedPoolers {

  private static @Nullable Poolers running;
  /** Why the first start failed, for every later attempt; null while none failed. */
  private static @Nullable String failure;
  private static int leases;

  private SharedPoolers() {
  }

  /** Holds the shared poolers running until {@link #close()}. */
  public static final class Lease implements AutoCloseable {
    private final Poolers poolers;
    private boolean closed;

    private Lease(Poolers poolers) {
      this.poolers = poolers;
    }

    public Poolers poolers() {
      return poolers;
    }

    @Override
    public void close() {
      release(this);
    }
  }

  /** A lease on the shared poolers, starting them if none run. */
  public static synchronized Lease lease() {
    Lease lease = new Lease(get());
    leases++;
    return lease;
  }

  /** The shared poolers, started if none run, without a lease (for Spring, whose contexts JUnit's run outlives). */
  public static synchronized Poolers get() {
    Poolers poolers = running;
    if (poolers != null) {
      return poolers;
    }
    String failed = failure;
    if (failed != null) {
      throw new IllegalStateException(failed + " (the first test class that needed it has the details)");
    }
    try {
      poolers = PoolersStarter.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    } catch (Exception e) {
      throw failed(e);
    }
    running = poolers;
    poolers.urls().systemProperties().forEach(System::setProperty);
    return poolers;
  }

  private static IllegalStateException failed(Exception e) {
    String message = "PostgreSQL with a session-mode and a transaction-mode PgBouncer could not start for "
        + "weaver-dbrouting-test: " + e.getMessage();
    failure = message;
    return new IllegalStateException(message, e);
  }

  private static synchronized void release(Lease lease) {
    if (lease.closed) {
      return;
    }
    lease.closed = true;
    leases--;
    Poolers poolers = running;
    if (leases > 0 || poolers == null) {
      return;
    }
    running = null;
    for (Map.Entry<String, String> property : poolers.urls().systemProperties().entrySet()) {
      if (property.getValue().equals(System.getProperty(property.getKey()))) {
        System.clearProperty(property.getKey());
      }
    }
    poolers.close();
  }
}
