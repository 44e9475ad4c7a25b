package io.weaver.dbrouting.benchmarks.burst;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Polls both PgBouncers' {@code SHOW POOLS} while a burst runs and keeps the highest client and server connection
 * counts of the benchmark's database: clients are {@code cl_active + cl_waiting}, servers every {@code sv_*} state
 * that holds a connection. A poll that fails (the console refused, psql timed out) is counted, not fatal.
 */
final class PoolerPeaks implements AutoCloseable {
  static final String SESSION_CLIENTS = "session clients";
  static final String SESSION_SERVERS = "session servers";
  static final String TRANSACTION_CLIENTS = "transaction clients";
  static final String TRANSACTION_WAITING = "transaction clients waiting";
  static final String TRANSACTION_SERVERS = "transaction servers";
  static final List<String> NAMES =
      List.of(SESSION_CLIENTS, SESSION_SERVERS, TRANSACTION_CLIENTS, TRANSACTION_WAITING, TRANSACTION_SERVERS);

  private static final List<String> SERVER_STATES = List.of("sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login");
  private static final long INTERVAL_MILLIS = 500;

  private final PoolerStack stack;
  private final Map<String, Integer> peaks = new TreeMap<>();
  private final AtomicInteger failedPolls = new AtomicInteger();
  private final AtomicBoolean polling = new AtomicBoolean(true);
  private final Thread thread = new Thread(this::poll, "pooler-peaks");

  PoolerPeaks(PoolerStack stack) {
    this.stack = stack;
    NAMES.forEach(name -> peaks.put(name, 0));
    thread.setDaemon(true);
    thread.start();
  }

  /** Peak per name of {@link #NAMES}. */
  synchronized Map<String, Integer> peaks() {
    return new TreeMap<>(peaks);
  }

  int failedPolls() {
    return failedPolls.get();
  }

  @Override
  public void close() {
    polling.set(false);
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void poll() {
    while (polling.get()) {
      sample(Endpoint.SESSION, SESSION_CLIENTS, null, SESSION_SERVERS);
      sample(Endpoint.TRANSACTION, TRANSACTION_CLIENTS, TRANSACTION_WAITING, TRANSACTION_SERVERS);
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample(Endpoint endpoint, String clients, @Nullable String waiting,
      String servers) {
    try {
      for (Map<String, String> row : stack.adminQuery(endpoint, "SHOW POOLS")) {
        if (!PoolerStack.DATABASE.equals(row.get("database"))) {
          continue;
        }
        int waitingNow = count(row, "cl_waiting");
        raise(clients, count(row, "cl_active") + waitingNow);
        if (waiting != null) {
          raise(waiting, waitingNow);
        }
        raise(servers, SERVER_STATES.stream().mapToInt(state -> count(row, state)).sum());
      }
    } catch (RuntimeException e) {
      failedPolls.incrementAndGet();
    }
  }

  private synchronized void raise(String name, int value) {
    peaks.merge(name, value, Math::max);
  }

  private static int count(Map<String, String> row, String column) {
    String value = row.get(column);
    return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
  }
}
