package io.weaver.dbrouting.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The connection strings of the running stack, in the form {@code postgresql://user:password@host:port/database}
 * (the password percent-encoded), as a service would get them from its environment.
 *
 * <p>{@link #toString()} hides the password; the accessors do not.
 *
 * @param databaseUrl the session-mode PgBouncer: the API role's {@code DATABASE_URL}
 * @param workerDatabaseUrl the transaction-mode PgBouncer: the worker role's {@code WORKER_DATABASE_URL}; its port
 *     is not 6543, so the mode is said with {@code WORKER_DATABASE_POOL_MODE=transaction}
 * @param directUrl PostgreSQL itself, with no pooler (for migrations or inspection)
 */
public record PoolerUrls(String databaseUrl, String workerDatabaseUrl, String directUrl) {

  /** The API role's connection string, the session-mode pooler. */
  public static final String DATABASE_URL = "DATABASE_URL";
  /** The worker role's connection string, the transaction-mode pooler. */
  public static final String WORKER_DATABASE_URL = "WORKER_DATABASE_URL";
  /** The worker role's pool mode, {@value #TRANSACTION}: the stack's port says nothing about it. */
  public static final String WORKER_DATABASE_POOL_MODE = "WORKER_DATABASE_POOL_MODE";
  /** weaver-dbrouting-spring's key for the API role's URL. */
  public static final String SPRING_API_URL = "weaver.dbrouting.api.url";
  /** weaver-dbrouting-spring's key for the worker role's URL. */
  public static final String SPRING_WORKER_URL = "weaver.dbrouting.worker.url";
  /** weaver-dbrouting-spring's key for the worker role's pool mode. */
  public static final String SPRING_WORKER_POOL_MODE = "weaver.dbrouting.worker.pool-mode";

  private static final String TRANSACTION = "transaction";

  public PoolerUrls {
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(workerDatabaseUrl, "workerDatabaseUrl");
    Objects.requireNonNull(directUrl, "directUrl");
  }

  /**
   * What a service's environment would hold: {@value #DATABASE_URL}, {@value #WORKER_DATABASE_URL} and
   * {@value #WORKER_DATABASE_POOL_MODE}{@code =transaction}, e.g. for {@code RoleAwareDataSource.fromEnvironment}.
   */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(DATABASE_URL, databaseUrl);
    environment.put(WORKER_DATABASE_URL, workerDatabaseUrl);
    environment.put(WORKER_DATABASE_POOL_MODE, TRANSACTION);
    return Map.copyOf(environment);
  }

  /**
   * The system properties set while the stack runs, and the property source a {@code @SpringBootTest} gets:
   * {@link #environment()} plus weaver-dbrouting-spring's {@value #SPRING_API_URL}, {@value #SPRING_WORKER_URL} and
   * {@value #SPRING_WORKER_POOL_MODE}.
   */
  public Map<String, String> systemProperties() {
    Map<String, String> properties = new LinkedHashMap<>(environment());
    properties.put(SPRING_API_URL, databaseUrl);
    properties.put(SPRING_WORKER_URL, workerDatabaseUrl);
    properties.put(SPRING_WORKER_POOL_MODE, TRANSACTION);
    return Map.copyOf(properties);
  }

  /** The three URLs with the password replaced by {@code ****}. */
  @Override
  public String toString() {
    return "PoolerUrls[databaseUrl=" + masked(databaseUrl) + ", workerDatabaseUrl=" + masked(workerDatabaseUrl)
        + ", directUrl=" + masked(directUrl) + "]";
  }

  private static String masked(String url) {
    int at = url.lastIndexOf('@');
    int colon = url.indexOf(':', url.indexOf("://") + 3);
    return at < 0 || colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "****" + url.substring(at);
  }
}
