package io.weaver.dbrouting.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A temporary {@code weaver-stack-*} directory and the processes that run from it, cleaned up exactly once: by
 * {@link #close()}, by a shutdown hook when the JVM exits without that, or by a {@link Watchdog} when the JVM dies
 * without running hooks. The directory is deleted unless the system property {@value #KEEP_PROPERTY} is
 * {@code true}.
 */
final class StackDirectory implements AutoCloseable {

  static final String KEEP_PROPERTY = "weaver.stack.keep";
  static final String PREFIX = "weaver-stack-";

  private final Path path;
  private final String owner;
  private final Thread shutdownHook;
  private Runnable stopProcesses = () -> { };
  /** Null until {@link #watch}. */
  private @Nullable Watchdog watchdog;
  private boolean closed;

  /** Creates the directory; {@code owner} names the stack in messages ("PoolerStack"). */
  StackDirectory(String owner) throws IOException {
    this.owner = owner;
    this.path = Files.createTempDirectory(PREFIX);
    this.shutdownHook = new Thread(() -> {
      if (markClosed()) {
        cleanUp();
      }
    }, "weaver-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  Path path() {
    return path;
  }

  /**
   * From now on, a JVM that dies without closing leaves the cleaning to a watchdog; {@code stopProcesses} is what
   * {@link #close()} runs before deleting the directory.
   *
   * @param pgCtl the command that runs pg_ctl as the service user, for the watchdog
   */
  void watch(List<String> pgCtl, Runnable stopProcesses) throws IOException {
    this.stopProcesses = stopProcesses;
    this.watchdog = Watchdog.start(path, pgCtl, keep());
  }

  /** Stops the processes, deletes the directory, then dismisses the watchdog. Calling it again does nothing. */
  @Override
  public void close() {
    if (!markClosed()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook will find the directory closed and do nothing
    }
    cleanUp();
  }

  /** True for the one caller that gets to clean up. */
  private synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  private void cleanUp() {
    stopProcesses.run();
    if (keep()) {
      System.err.println(owner + ": kept " + path + " (" + KEEP_PROPERTY + "=true)");
    } else {
      deleteTree();
    }
    if (watchdog != null) {
      watchdog.close(); // last: until here, a JVM killed mid-way still leaves the cleaning to it
    }
  }

  private static boolean keep() {
    return Boolean.getBoolean(KEEP_PROPERTY);
  }

  private void deleteTree() {
    try {
      DirectoryTree.delete(path);
    } catch (IOException e) {
      System.err.println(owner + ": could not delete " + path + ": " + e);
    }
  }
}
