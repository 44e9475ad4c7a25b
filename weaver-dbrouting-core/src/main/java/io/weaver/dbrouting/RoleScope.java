package io.weaver.dbrouting;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The role the current thread's connections are for. A thread that never entered a scope works as {@link DbRole#API}.
 *
 * <pre>{@code
 * try (RoleScope scope = RoleScope.enter(DbRole.WORKER)) {
 *   processDocument(dataSource);   // dataSource.getConnection() now comes from the worker pool
 * }
 * }</pre>
 *
 * <p>Scopes nest; {@link #close()} restores the role that was current before, and must happen on the same thread, in
 * reverse order of entering (try-with-resources does both).
 */
public final class RoleScope implements AutoCloseable {
  private static final ThreadLocal<RoleScope> INNERMOST = new ThreadLocal<>();

  private final DbRole role;
  private final RoleScope outer;
  private final Thread owner;
  private boolean closed;

  private RoleScope(DbRole role, RoleScope outer, Thread owner) {
    this.role = role;
    this.outer = outer;
    this.owner = owner;
  }

  /** Makes {@code role} current on this thread until the returned scope is closed. */
  public static RoleScope enter(DbRole role) {
    Objects.requireNonNull(role, "role");
    RoleScope scope = new RoleScope(role, INNERMOST.get(), Thread.currentThread());
    INNERMOST.set(scope);
    return scope;
  }

  /** The current thread's role: that of the innermost open scope, else {@link DbRole#API}. */
  public static DbRole current() {
    RoleScope scope = INNERMOST.get();
    return scope == null ? DbRole.API : scope.role;
  }

  /** Runs {@code task} as {@code role} on this thread, then restores the previous role. */
  public static void run(DbRole role, Runnable task) {
    RoleScope scope = enter(role);
    try {
      task.run();
    } finally {
      scope.restore();
    }
  }

  /** Calls {@code task} as {@code role} on this thread, then restores the previous role. */
  public static <T> T call(DbRole role, Callable<T> task) throws Exception {
    RoleScope scope = enter(role);
    try {
      return task.call();
    } finally {
      scope.restore();
    }
  }

  /** A task that runs as {@code role} on whatever thread runs it. */
  public static Runnable wrap(DbRole role, Runnable task) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(task, "task");
    return () -> run(role, task);
  }

  /** A task that runs as {@code role} on whatever thread calls it. */
  public static <T> Callable<T> wrap(DbRole role, Callable<T> task) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(task, "task");
    return () -> call(role, task);
  }

  /** An executor whose tasks run as {@code role}. */
  public static Executor executor(DbRole role, Executor executor) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(executor, "executor");
    return task -> executor.execute(wrap(role, task));
  }

  /** An executor service whose tasks run as {@code role}; shutting it down shuts down {@code executor}. */
  public static ExecutorService executorService(DbRole role, ExecutorService executor) {
    return new RoleBoundExecutorService(role, executor);
  }

  /** The role this scope made current. */
  public DbRole role() {
    return role;
  }

  /**
   * Restores the role that was current when this scope was entered. Closing twice does nothing.
   *
   * @throws IllegalStateException when called on another thread, or while a scope entered later is still open
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("RoleScope(" + role + ") entered on thread '" + owner.getName()
          + "' cannot be closed on thread '" + Thread.currentThread().getName()
          + "'; close it on the thread that entered it, e.g. with try-with-resources");
    }
    if (INNERMOST.get() != this) {
      throw new IllegalStateException("RoleScope(" + role + ") closed while a scope entered after it ("
          + current() + ") is still open; close scopes in reverse order, e.g. with try-with-resources");
    }
    restore();
  }

  /**
   * Restores the role current before this scope, also discarding scopes the task entered and left open, so a pooled
   * thread never keeps a role after {@link #run}, {@link #call} or a wrapped task, and the task's own exception is
   * the one that propagates.
   */
  private void restore() {
    closed = true;
    if (outer == null) {
      INNERMOST.remove();
    } else {
      INNERMOST.set(outer);
    }
  }

  @Override
  public String toString() {
    return "RoleScope[" + role + (closed ? ", closed" : "") + "]";
  }

  /** An ExecutorService whose every task runs inside a {@link RoleScope} of one role. */
  private static final class RoleBoundExecutorService implements ExecutorService {
    private final DbRole role;
    private final ExecutorService delegate;

    RoleBoundExecutorService(DbRole role, ExecutorService delegate) {
      this.role = Objects.requireNonNull(role, "role");
      this.delegate = Objects.requireNonNull(delegate, "executor");
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(wrap(role, command));
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(wrap(role, task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(wrap(role, task), result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(wrap(role, task));
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
      return tasks.stream().map(task -> wrap(role, task)).toList();
    }

    @Override
    public String toString() {
      return "RoleBoundExecutorService[" + role + ", " + delegate + "]";
    }
  }
}
