package io.weaver.dbrouting.examples;

import java.io.PrintStream;
import java.util.Map;

/** Runs example code with the environment of {@link LocalDatabase}, stopping a local stack afterwards. */
public final class LocalDatabaseAccess {
  /** Code that needs the database variables. */
  @FunctionalInterface
  public interface Body<T> {
    T run(Map<String, String> environment) throws Exception;
  }

  private LocalDatabaseAccess() {}

  public static <T> T withEnvironment(PrintStream out, Body<T> body) throws Exception {
    try (LocalDatabase database = LocalDatabase.fromEnvironmentOrStart(out)) {
      return body.run(database.environment());
    }
  }

  /** Starts the database for a long-running program; it stops when the JVM exits. */
  public static Map<String, String> startForProcess(PrintStream out) throws Exception {
    LocalDatabase database = LocalDatabase.fromEnvironmentOrStart(out);
    Runtime.getRuntime().addShutdownHook(new Thread(database::close, "local-database-stop"));
    return database.environment();
  }
}
