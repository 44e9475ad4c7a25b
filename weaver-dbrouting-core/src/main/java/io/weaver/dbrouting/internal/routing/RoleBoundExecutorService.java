package io.weaver.dbrouting.internal.routing;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleScope;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An ExecutorService whose every task runs inside a {@link RoleScope} of one role. */
public final class RoleBoundExecutorService implements ExecutorService {
  private final DbRole role;
  private final ExecutorService delegate;

  public RoleBoundExecutorService(DbRole role, ExecutorService delegate) {
    this.role = Objects.requireNonNull(role, "role");
    this.delegate = Objects.requireNonNull(delegate, "executor");
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(RoleScope.wrap(role, command));
  }

  @Override
  public Future<?> submit(Runnable task) {
    return delegate.submit(RoleScope.wrap(role, task));
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return delegate.submit(RoleScope.wrap(role, task), result);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return delegate.submit(RoleScope.wrap(role, task));
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
    return delegate.invokeAll(wrapAll(tasks));
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return delegate.invokeAll(wrapAll(tasks), timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
    return delegate.invokeAny(wrapAll(tasks));
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return delegate.invokeAny(wrapAll(tasks), timeout, unit);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return delegate.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }

  private <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    return tasks.stream().map(task -> RoleScope.wrap(role, task)).toList();
  }

  @Override
  public String toString() {
    return "RoleBoundExecutorService[" + role + ", " + delegate + "]";
  }
}
