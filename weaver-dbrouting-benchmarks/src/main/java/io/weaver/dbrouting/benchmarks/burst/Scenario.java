package io.weaver.dbrouting.benchmarks.burst;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The setups the burst runs under, in the order they run, and the environment each gives the worker processes. The
 * API process is the same in all: the library on {@code DATABASE_URL}, the session pooler.
 */
enum Scenario {
  /** A plain HikariCP pool with pgjdbc's defaults on the transaction pooler: no library. */
  PGJDBC_DEFAULTS("a", "pgjdbc defaults on the transaction pooler (plain HikariCP, no library)", Pooler.PGBOUNCER_1_18),
  /** The library with no {@code WORKER_DATABASE_URL}: workers fall back to the session pooler. */
  WORKERS_ON_SESSION("b", "library, no WORKER_DATABASE_URL: workers on the session pooler", Pooler.PGBOUNCER_1_18),
  /** The library's defaults, workers on the transaction pooler, PgBouncer 1.18. */
  LIBRARY_1_18("c-1.18", "library defaults, workers on the transaction pooler", Pooler.PGBOUNCER_1_18),
  /** The library's defaults, workers on the transaction pooler, PgBouncer 1.24. */
  LIBRARY_1_24("c-1.24", "library defaults, workers on the transaction pooler", Pooler.PGBOUNCER_1_24),
  /** The library with {@code WORKER_DATABASE_PREPARED_STATEMENTS=on}, PgBouncer 1.24 keeping prepared statements. */
  PREPARED_1_24("d", "library, WORKER_DATABASE_PREPARED_STATEMENTS=on", Pooler.PGBOUNCER_1_24);

  /** The PgBouncer a scenario runs on. */
  enum Pooler {
    PGBOUNCER_1_18("1.18", -1),
    PGBOUNCER_1_24("1.24", 200);

    final String versionPrefix;
    /** {@code max_prepared_statements}; -1 leaves it out (1.18 does not know it). */
    final int maxPreparedStatements;

    Pooler(String versionPrefix, int maxPreparedStatements) {
      this.versionPrefix = versionPrefix;
      this.maxPreparedStatements = maxPreparedStatements;
    }
  }

  static final String PREPARED_STATEMENTS_VARIABLE = "WORKER_DATABASE_PREPARED_STATEMENTS";

  final String id;
  final String description;
  final Pooler pooler;

  Scenario(String id, String description, Pooler pooler) {
    this.id = id;
    this.description = description;
    this.pooler = pooler;
  }

  /** What a worker process's environment holds in this scenario. */
  Map<String, String> workerEnvironment(PoolerStack stack) {
    Map<String, String> environment = new LinkedHashMap<>();
    if (this == PGJDBC_DEFAULTS) {
      environment.put(WorkerMain.PLAIN_JDBC_URL, stack.jdbcUrl(Endpoint.TRANSACTION));
      environment.put(WorkerMain.PLAIN_USER, PoolerStack.USER);
      environment.put(WorkerMain.PLAIN_PASSWORD, PoolerStack.PASSWORD);
      return environment;
    }
    environment.put("DATABASE_URL", stack.url(Endpoint.SESSION));
    environment.put("WORKER_DATABASE_POOL_SIZE", "5");
    environment.put("WORKER_DATABASE_MAX_OVERFLOW", "10");
    if (this == WORKERS_ON_SESSION) {
      return environment;
    }
    environment.put("WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION));
    environment.put("WORKER_DATABASE_POOL_MODE", "transaction");
    if (this == PREPARED_1_24) {
      environment.put(PREPARED_STATEMENTS_VARIABLE, "on");
    }
    return environment;
  }

  /** The API process's environment: a small API pool on the session pooler, in every scenario. */
  static Map<String, String> apiEnvironment(PoolerStack stack) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("DATABASE_URL", stack.url(Endpoint.SESSION));
    environment.put("DATABASE_POOL_SIZE", "2");
    environment.put("DATABASE_MAX_OVERFLOW", "3");
    return environment;
  }
}
