package io.weaver.dbrouting.stack;

import org.opentest4j.TestAbortedException;

/**
 * What a test does when the stack it needs cannot run here: it is aborted (skipped) with the reason, or fails when
 * the environment variable {@code CI} is {@code true}, where a missing PostgreSQL, PgBouncer or port must not pass
 * unnoticed.
 */
final class StackUnavailable {

  private StackUnavailable() {
  }

  /** The exception to throw: {@link TestAbortedException}, or {@link IllegalStateException} under CI. */
  static RuntimeException skipOrFail(String reason, Throwable cause) {
    if (onCi()) {
      return new IllegalStateException(reason + ", and CI=true so this fails instead of skipping", cause);
    }
    return new TestAbortedException(reason + ", so this is skipped (set CI=true to make it fail)", cause);
  }

  private static boolean onCi() {
    String ci = System.getenv("CI");
    return ci != null && "true".equalsIgnoreCase(ci.trim());
  }
}
