package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way into an executor service from {@link RoleScope#executorService} runs the task as the role. */
class RoleBoundExecutorServiceTests {
  private final ExecutorService plain = Executors.newFixedThreadPool(2);
  private final ExecutorService worker = RoleScope.executorService(DbRole.WORKER, plain);
  private final Callable<DbRole> currentRole = RoleScope::current;

  @AfterEach
  void stop() {
    plain.shutdownNow();
  }

  @Test
  void invokeAllRunsEveryTaskAsTheRoleAndReturnsOneFuturePerTask() throws Exception {
    List<Future<DbRole>> futures = worker.invokeAll(List.of(currentRole, currentRole, currentRole));

    assertThat(futures).hasSize(3);
    for (Future<DbRole> future : futures) {
      assertThat(future.get()).isEqualTo(DbRole.WORKER);
    }
  }

  @Test
  void invokeAllWithATimeoutRunsEveryTaskAsTheRole() throws Exception {
    List<Future<DbRole>> futures = worker.invokeAll(List.of(currentRole, currentRole), 10, TimeUnit.SECONDS);

    assertThat(futures).hasSize(2);
    for (Future<DbRole> future : futures) {
      assertThat(future.get()).isEqualTo(DbRole.WORKER);
    }
  }

  @Test
  void invokeAnyWithATimeoutRunsTheTaskAsTheRole() throws Exception {
    assertThat(worker.invokeAny(List.of(currentRole), 10, TimeUnit.SECONDS)).isEqualTo(DbRole.WORKER);
  }

  @Test
  void submittedRunnablesRunAsTheRoleAndYieldTheGivenResult() throws Exception {
    CompletableFuture<DbRole> seen = new CompletableFuture<>();
    Future<?> done = worker.submit(() -> {
      seen.complete(RoleScope.current());
    });
    assertThat(done.get()).isNull();
    assertThat(seen.get()).isEqualTo(DbRole.WORKER);

    CompletableFuture<DbRole> seenWithResult = new CompletableFuture<>();
    Future<String> result = worker.submit(() -> {
      seenWithResult.complete(RoleScope.current());
    }, "result");
    assertThat(result.get()).isEqualTo("result");
    assertThat(seenWithResult.get()).isEqualTo(DbRole.WORKER);
  }

  @Test
  void executeRunsTheCommandAsTheRole() throws Exception {
    CompletableFuture<DbRole> seen = new CompletableFuture<>();
    worker.execute(() -> seen.complete(RoleScope.current()));
    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(DbRole.WORKER);
  }

  @Test
  void shutdownReachesTheUnderlyingExecutorAndTerminationIsReported() throws Exception {
    assertThat(worker.isShutdown()).isFalse();
    assertThat(worker.isTerminated()).isFalse();

    worker.shutdown();

    assertThat(plain.isShutdown()).isTrue();
    assertThat(worker.isShutdown()).isTrue();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.isTerminated()).isTrue();
  }

  @Test
  void shutdownNowReturnsTheTasksThatNeverStarted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch bothBusy = new CountDownLatch(2);
    Runnable block = () -> {
      bothBusy.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    worker.execute(block);
    worker.execute(block);
    assertThat(bothBusy.await(10, TimeUnit.SECONDS)).isTrue();
    worker.execute(() -> { });

    List<Runnable> neverStarted = worker.shutdownNow();

    assertThat(neverStarted).hasSize(1);
    assertThat(plain.isShutdown()).isTrue();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void awaitTerminationReportsAnExecutorStillRunning() throws Exception {
    assertThat(worker.awaitTermination(1, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void toStringNamesTheRoleAndTheUnderlyingExecutor() {
    assertThat(worker.toString()).contains("WORKER").contains(plain.toString());
  }

  @Test
  void aNullRoleOrExecutorIsRefusedByName() {
    assertThatThrownBy(() -> RoleScope.executorService(null, plain)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("role");
    assertThatThrownBy(() -> RoleScope.executorService(DbRole.WORKER, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
  }
}
