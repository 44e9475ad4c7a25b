package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.PoolMode;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private String databaseUrl;

  /**
   * Worker endpoint, usually the transaction-mode pooler (Supabase port 6543). Default: the WORKER_DATABASE_URL
   * variable, else the API endpoint.
   */
  private String workerDatabaseUrl;

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

  public String getDatabaseUrl() {
    return databaseUrl;
  }

  public void setDatabaseUrl(String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  public String getWorkerDatabaseUrl() {
    return workerDatabaseUrl;
  }

  public void setWorkerDatabaseUrl(String workerDatabaseUrl) {
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
    private Integer poolSize;

    /**
     * Extra connections under load, closed when idle; maximumPoolSize is pool-size + max-overflow. Default:
     * DATABASE_MAX_OVERFLOW / WORKER_DATABASE_MAX_OVERFLOW, else 40 for the API role and 10 for the worker role.
     */
    private Integer maxOverflow;

    /**
     * Pooler mode of the role's endpoint: session or transaction. Default: DATABASE_POOL_MODE /
     * WORKER_DATABASE_POOL_MODE, else decided from the URL (pgbouncer=true or port 6543 mean transaction).
     */
    private PoolMode poolMode;

    /**
     * Whether to probe, once at first use, how the role's endpoint pools and WARN when it contradicts the mode.
     * Default: *_CHECK_POOL_MODE, else false.
     */
    private Boolean checkPoolMode;

    /** Processes (replicas) that each open this pool, for the connection budget. Default: *_PROCESSES, else 1. */
    private Integer processes;

    /**
     * Client connections the role's endpoint accepts, checked against the budget at start. Default: *_CLIENT_LIMIT,
     * else 15 on Supabase's session pooler, else unknown.
     */
    private Integer clientLimit;

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

    public Integer getPoolSize() {
      return poolSize;
    }

    public void setPoolSize(Integer poolSize) {
      this.poolSize = poolSize;
    }

    public Integer getMaxOverflow() {
      return maxOverflow;
    }

    public void setMaxOverflow(Integer maxOverflow) {
      this.maxOverflow = maxOverflow;
    }

    public PoolMode getPoolMode() {
      return poolMode;
    }

    public void setPoolMode(PoolMode poolMode) {
      this.poolMode = poolMode;
    }

    public Map<String, String> getHikari() {
      return hikari;
    }

    public Boolean getCheckPoolMode() {
      return checkPoolMode;
    }

    public void setCheckPoolMode(Boolean checkPoolMode) {
      this.checkPoolMode = checkPoolMode;
    }

    public Integer getProcesses() {
      return processes;
    }

    public void setProcesses(Integer processes) {
      this.processes = processes;
    }

    public Integer getClientLimit() {
      return clientLimit;
    }

    public void setClientLimit(Integer clientLimit) {
      this.clientLimit = clientLimit;
    }

    public Map<String, String> getServerSettings() {
      return serverSettings;
    }
  }
}
