package io.weaver.dbrouting.examples;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the examples' database comes from: {@code DATABASE_URL} (and {@code WORKER_DATABASE_URL}) as given, or, when
 * unset, a throw-away PostgreSQL on loopback with a session-mode and a transaction-mode PgBouncer in front when
 * {@code pgbouncer} is installed.
 */
public final class LocalDatabase implements AutoCloseable {
  /** Code that needs the database variables. */
  @FunctionalInterface
  public interface Body<T> {
    T run(Map<String, String> environment) throws Exception;
  }

  /** Null when the environment names the database. */
  private final @Nullable PoolerStack stack;
  private final Map<String, String> environment;

  private LocalDatabase(@Nullable PoolerStack stack, Map<String, String> environment) {
    this.stack = stack;
    this.environment = environment;
  }

  static LocalDatabase fromEnvironmentOrStart(PrintStream out) throws Exception {
    Map<String, String> given = System.getenv();
    String databaseUrl = given.get("DATABASE_URL");
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      out.println("Using DATABASE_URL" + (given.containsKey("WORKER_DATABASE_URL") ? " and WORKER_DATABASE_URL" : "")
          + " from the environment.");
      return new LocalDatabase(null, given);
    }
    out.println("DATABASE_URL is not set: starting a local PostgreSQL for this run...");
    PoolerStack stack = PoolerStack.start(PoolerStack.Options.forExamples());
    Map<String, String> environment = new HashMap<>(given);
    if (stack.hasPoolers()) {
      environment.put("DATABASE_URL", stack.url(Endpoint.SESSION));
      environment.put("WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION));
      if (stack.port(Endpoint.TRANSACTION) != 6543) {
        environment.put("WORKER_DATABASE_POOL_MODE", "transaction"); // not on the port the mode rules recognise
      }
    } else {
      environment.put("DATABASE_URL", stack.url(Endpoint.DIRECT));
      environment.remove("WORKER_DATABASE_URL");
    }
    // The local session pooler, like Supabase's, has few client slots: keep the API pool inside them.
    environment.putIfAbsent("DATABASE_POOL_SIZE", "2");
    environment.putIfAbsent("DATABASE_MAX_OVERFLOW", "3");
    if (stack.hasPoolers()) {
      environment.putIfAbsent("DATABASE_CLIENT_LIMIT", String.valueOf(PoolerStack.SESSION_MAX_CLIENT_CONN));
    }
    out.println(stack.description());
    if (!stack.hasPoolers()) {
      out.println("No PgBouncer: running in fallback mode, both roles on PostgreSQL directly "
          + "(install pgbouncer to see the session/transaction split).");
    }
    return new LocalDatabase(stack, environment);
  }

  /** Runs {@code body} with the database's variables, stopping a local stack afterwards. */
  public static <T> T withEnvironment(PrintStream out, Body<T> body) throws Exception {
    try (LocalDatabase database = fromEnvironmentOrStart(out)) {
      return body.run(database.environment());
    }
  }

  /** Starts the database for a long-running program; a local stack stops when the JVM exits. */
  public static Map<String, String> startForProcess(PrintStream out) throws Exception {
    LocalDatabase database = fromEnvironmentOrStart(out);
    Runtime.getRuntime().addShutdownHook(new Thread(database::close, "local-database-stop"));
    return database.environment();
  }

  /** The variables to build the data source from. */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void close() {
    if (stack != null) {
      stack.close();
    }
  }
}
