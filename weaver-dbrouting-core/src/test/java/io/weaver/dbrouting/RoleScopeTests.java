package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are entered for their effect, not referenced
class RoleScopeTests {

  @Test
  void apiIsCurrentWhenNoScopeIsOpen() {
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void scopesNestAndCloseRestoresThePreviousRole() {
    try (RoleScope outer = RoleScope.enter(DbRole.WORKER)) {
      assertThat(RoleScope.current()).isEqualTo(DbRole.WORKER);
      try (RoleScope inner = RoleScope.enter(DbRole.API)) {
        assertThat(RoleScope.current()).isEqualTo(DbRole.API);
      }
      assertThat(RoleScope.current()).isEqualTo(DbRole.WORKER);
    }
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void closingTwiceDoesNothing() {
    RoleScope scope = RoleScope.enter(DbRole.WORKER);
    scope.close();
    scope.close();
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void closingOutOfOrderIsRefused() {
    RoleScope outer = RoleScope.enter(DbRole.WORKER);
    RoleScope inner = RoleScope.enter(DbRole.API);
    try {
      assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("close scopes in reverse order");
    } finally {
      inner.close();
      outer.close();
    }
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void closingOnAnotherThreadIsRefused() {
    RoleScope scope = RoleScope.enter(DbRole.WORKER);
    try {
      assertThat(CompletableFuture.supplyAsync(() -> {
        try {
          scope.close();
          return "closed";
        } catch (IllegalStateException e) {
          return e.getMessage();
        }
      }).join()).contains("close it on the thread that entered it");
    } finally {
      scope.close();
    }
  }

  @Test
  void runAndCallUseTheRoleAndRestoreIt() throws Exception {
    RoleScope.run(DbRole.WORKER, () -> assertThat(RoleScope.current()).isEqualTo(DbRole.WORKER));
    assertThat(RoleScope.call(DbRole.WORKER, RoleScope::current)).isEqualTo(DbRole.WORKER);
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void roleIsRestoredWhenTheTaskThrows() {
    assertThatThrownBy(() -> RoleScope.run(DbRole.WORKER, () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void aTaskThatLeavesAScopeOpenAndThrowsKeepsItsExceptionAndTheThreadItsRole() {
    assertThatThrownBy(() -> RoleScope.run(DbRole.WORKER, () -> {
      RoleScope.enter(DbRole.API);
      throw new IllegalStateException("task failed");
    })).hasMessage("task failed");
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
    RoleScope.wrap(DbRole.WORKER, (Runnable) () -> {
      RoleScope.enter(DbRole.WORKER);
    }).run();
    try (RoleScope outer = RoleScope.enter(DbRole.API)) {
      assertThat(outer.role()).isEqualTo(DbRole.API);
    }
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void wrappedExecutorsRunTasksAsTheRole() throws Exception {
    ExecutorService plain = Executors.newFixedThreadPool(2);
    try {
      ExecutorService worker = RoleScope.executorService(DbRole.WORKER, plain);
      assertThat(worker.submit(RoleScope::current).get()).isEqualTo(DbRole.WORKER);
      Callable<DbRole> task = RoleScope::current;
      assertThat(worker.invokeAll(List.of(task, task))).allSatisfy(f -> assertThat(f.get()).isEqualTo(DbRole.WORKER));
      assertThat(worker.invokeAny(List.of(task))).isEqualTo(DbRole.WORKER);
      CompletableFuture<DbRole> seen = new CompletableFuture<>();
      RoleScope.executor(DbRole.WORKER, plain).execute(() -> seen.complete(RoleScope.current()));
      assertThat(seen.get()).isEqualTo(DbRole.WORKER);
      assertThat(plain.submit(RoleScope::current).get()).as("the plain executor's threads keep no role")
          .isEqualTo(DbRole.API);
    } finally {
      plain.shutdownNow();
    }
  }
}
