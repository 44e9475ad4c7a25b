package io.weaver.dbrouting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts test threads together and waits for them all, so that load tests really overlap. */
final class Concurrently {

  /** One thread's share of the work. */
  @FunctionalInterface
  interface ThreadWork {
    void run() throws Exception;
  }

  private Concurrently() {}

  /** Runs {@code work} on {@code threads} threads released at the same moment; rethrows the first failure. */
  static void run(int threads, long timeoutMinutes, ThreadWork work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          work.run();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(timeoutMinutes, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
