package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.PoolMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code weaver.dbrouting}. Each one overrides the environment variable named in its description; left
 * unset, the variable (or the library's default) applies.
 */
@ConfigurationProperties("weaver.dbrouting")
public class WeaverDbRoutingProperties {
  /** Whether to configure a RoleAwareDataSource as the application's DataSource. */
  private boolean enabled = true;

  /** API endpoint, usually the session-mode pooler (Supabase port 5432). Default: the DATABASE_URL variable. */
  private @Nullable String databaseUrl;

  /**
   * Worker endpoint, usually the transaction-mode pooler (Supabase port 6543). Default: the WORKER_DATABASE_URL
   * variable, else the API endpoint.
   */
  private @Nullable String workerDatabaseUrl;

  /** The API role's pool. */
  private final Role api = new Role();

  /** The worker role's pool. */
  private final Role worker = new Role();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public @Nullable String getDatabaseUrl() {
    return databaseUrl;
  }

  public void setDatabaseUrl(@Nullable String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  public @Nullable String getWorkerDatabaseUrl() {
    return workerDatabaseUrl;
  }

  public void setWorkerDatabaseUrl(@Nullable String workerDatabaseUrl) {
    this.workerDatabaseUrl = workerDatabaseUrl;
  }

  public Role getApi() {
    return api;
  }

  public Role getWorker() {
    return worker;
  }

  /** One role's pool settings. */
  public static class Role {
    /**
     * Connections kept open (HikariCP minimumIdle). Default: DATABASE_POOL_SIZE / WORKER_DATABASE_POOL_SIZE, else
     * 20 for the API role and 5 for the worker role.
     */
    private @Nullable Integer poolSize;

    /**
     * Extra connections under load, closed when idle; maximumPoolSize is pool-size + max-overflow. Default:
     * DATABASE_MAX_OVERFLOW / WORKER_DATABASE_MAX_OVERFLOW, else 40 for the API role and 10 for the worker role.
     */
    private @Nullable Integer maxOverflow;

    /**
     * Pooler mode of the role's endpoint: session or transaction. Default: DATABASE_POOL_MODE /
     * WORKER_DATABASE_POOL_MODE, else decided from the URL (pgbouncer=true or port 6543 mean transaction).
     */
    private @Nullable PoolMode poolMode;

    /**
     * Whether to probe, once at first use, how the role's endpoint pools and WARN when it contradicts the mode.
     * Default: *_CHECK_POOL_MODE, else false.
     */
    private @Nullable Boolean checkPoolMode;

    /** Processes (replicas) that each open this pool, for the connection budget. Default: *_PROCESSES, else 1. */
    private @Nullable Integer processes;

    /**
     * Client connections the role's endpoint accepts, checked against the budget at start. Default: *_CLIENT_LIMIT,
     * else 15 on Supabase's session pooler, else unknown.
     */
    private @Nullable Integer clientLimit;

    /**
     * PostgreSQL settings applied on each new connection of a session-mode pool, e.g. jit: off (refused on a
     * transaction-mode pool). Default: *_SERVER_SETTINGS, else none.
     */
    private final Map<String, String> serverSettings = new LinkedHashMap<>();

    /**
     * Further HikariCP settings for this role's pool, by HikariConfig property name (connection-timeout,
     * max-lifetime, leak-detection-threshold, ...). Settings that would set session state on a transaction-mode pool
     * are refused.
     */
    private final Map<String, String> hikari = new LinkedHashMap<>();

    public @Nullable Integer getPoolSize() {
      return poolSize;
    }

    public void setPoolSize(@Nullable Integer poolSize) {
      this.poolSize = poolSize;
    }

    public @Nullable Integer getMaxOverflow() {
      return maxOverflow;
    }

    public void setMaxOverflow(@Nullable Integer maxOverflow) {
      this.maxOverflow = maxOverflow;
    }

    public @Nullable PoolMode getPoolMode() {
      return poolMode;
    }

    public void setPoolMode(@Nullable PoolMode poolMode) {
      this.poolMode = poolMode;
    }

    public Map<String, String> getHikari() {
      return hikari;
    }

    public @Nullable Boolean getCheckPoolMode() {
      return checkPoolMode;
    }

    public void setCheckPoolMode(@Nullable Boolean checkPoolMode) {
      this.checkPoolMode = checkPoolMode;
    }

    public @Nullable Integer getProcesses() {
      return processes;
    }

    public void setProcesses(@Nullable Integer processes) {
      this.processes = processes;
    }

    public @Nullable Integer getClientLimit() {
      return clientLimit;
    }

    public void setClientLimit(@Nullable Integer clientLimit) {
      this.clientLimit = clientLimit;
    }

    public Map<String, String> getServerSettings() {
      return serverSettings;
    }
  }
}
