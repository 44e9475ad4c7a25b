package io.weaver.dbrouting.stack;

import io.weaver.dbrouting.devstack.PoolerStack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Gives test classes the one {@link PoolerStack} of this JVM; see {@link WithPoolerStack}.
 *
 * <p>The stack starts on first use and lives in the root context's store, which closes it (it is
 * {@link AutoCloseable}) when the test run ends; the stack's own shutdown hook covers a JVM that
 * ends early, and its watchdog a JVM that is killed. A stack that failed to start is remembered, so later classes do not retry it: they
 * are aborted (skipped) with the reason, or fail when the environment variable {@code CI} is
 * {@code true}, where a missing PostgreSQL or PgBouncer must not pass unnoticed.
 */
public final class PoolerStackExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

  private static final Namespace NAMESPACE = Namespace.create(PoolerStackExtension.class);
  private static final String KEY = "stack";
  private static final int FAILED_TEST_LOG_LINES = 40;

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == PoolerStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    try {
      return stack(extensionContext);
    } catch (TestAbortedException e) {
      // Reached only where no beforeAll ran first (a constructor under PER_CLASS lifecycle);
      // JUnit turns anything thrown here into a failure, so say why.
      throw new ParameterResolutionException(e.getMessage(), e);
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Holder holder = store(context).get(KEY, Holder.class);
    if (holder != null && holder.stack != null) {
      System.err.println("---- " + context.getDisplayName() + " failed; PoolerStack logs ("
          + holder.stack.directory() + "):");
      System.err.println(holder.stack.logTail(FAILED_TEST_LOG_LINES));
    }
  }

  private static PoolerStack stack(ExtensionContext context) {
    return store(context).computeIfAbsent(KEY, key -> Holder.start(), Holder.class).get();
  }

  private static Store store(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }

  /** The started stack, or why it did not start. */
  static final class Holder implements AutoCloseable {
    final PoolerStack stack;
    final Exception failure;

    private Holder(PoolerStack stack, Exception failure) {
      this.stack = stack;
      this.failure = failure;
    }

    static Holder start() {
      try {
        return new Holder(PoolerStack.start(), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Holder(null, e);
      } catch (Exception e) {
        return new Holder(null, e);
      }
    }

    PoolerStack get() {
      if (stack != null) {
        return stack;
      }
      throw StackUnavailable.skipOrFail("PoolerStack (PostgreSQL + PgBouncer) could not start: "
          + failure.getMessage(), failure);
    }

    @Override
    public void close() {
      if (stack != null) {
        stack.close();
      }
    }
  }
}
