package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Settings under {@code weaver.dbrouting}, one per entry of core's {@link io.weaver.dbrouting.Setting} catalogue and
 * role (plus {@code enabled} and the per-role {@code hikari} maps). Each one overrides the environment variable named
 * in its description; left unset (or blank), the variable (or the library's default) applies.
 */
@ConfigurationProperties("weaver.dbrouting")
public class WeaverDbRoutingProperties {
  /** Whether to configure a RoleAwareDataSource as the application's DataSource. */
  private boolean enabled = true;

  /** API endpoint under its old key; use weaver.dbrouting.api.url, which wins when both are set. */
  private @Nullable String databaseUrl;

  /** Worker endpoint under its old key; use weaver.dbrouting.worker.url, which wins when both are set. */
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

  /**
   * The API endpoint under its old key.
   *
   * @deprecated use {@code weaver.dbrouting.api.url} ({@code getApi().getUrl()}), which wins when both are set
   */
  @Deprecated
  @DeprecatedConfigurationProperty(replacement = "weaver.dbrouting.api.url",
      reason = "The URLs moved under their role; weaver.dbrouting.api.url wins when both are set.")
  public @Nullable String getDatabaseUrl() {
    return databaseUrl;
  }

  /** @deprecated use {@code weaver.dbrouting.api.url} ({@code getApi().setUrl(String)}) */
  @Deprecated
  public void setDatabaseUrl(@Nullable String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  /**
   * The worker endpoint under its old key.
   *
   * @deprecated use {@code weaver.dbrouting.worker.url} ({@code getWorker().getUrl()}), which wins when both are set
   */
  @Deprecated
  @DeprecatedConfigurationProperty(replacement = "weaver.dbrouting.worker.url",
      reason = "The URLs moved under their role; weaver.dbrouting.worker.url wins when both are set.")
  public @Nullable String getWorkerDatabaseUrl() {
    return workerDatabaseUrl;
  }

  /** @deprecated use {@code weaver.dbrouting.worker.url} ({@code getWorker().setUrl(String)}) */
  @Deprecated
  public void setWorkerDatabaseUrl(@Nullable String workerDatabaseUrl) {
    this.workerDatabaseUrl = workerDatabaseUrl;
  }

  public Role getApi() {
    return api;
  }

  public Role getWorker() {
    return worker;
  }

  /** One role's settings. */
  public static class Role {
    /**
     * The role's endpoint: for api usually the session-mode pooler (Supabase port 5432), for worker the
     * transaction-mode pooler (port 6543). Default: DATABASE_URL / WORKER_DATABASE_URL; the worker falls back to the
     * API endpoint.
     */
    private @Nullable String url;

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
     * WORKER_DATABASE_POOL_MODE, else decided from the URL (pgbouncer=true or port 6543 mean transaction); a fallback
     * worker takes the API mode.
     */
    private @Nullable PoolMode poolMode;

    /**
     * Whether to probe, once at first use, how the role's endpoint pools and WARN when it contradicts the mode.
     * Default: DATABASE_CHECK_POOL_MODE / WORKER_DATABASE_CHECK_POOL_MODE, else false.
     */
    private @Nullable Boolean checkPoolMode;

    /**
     * Server-side prepared statements: off, on, or auto (on where a probe at first use sees the pooler keep them, as
     * PgBouncer 1.21+ with max_prepared_statements does). Default: DATABASE_PREPARED_STATEMENTS /
     * WORKER_DATABASE_PREPARED_STATEMENTS, else on in session mode, off in transaction mode.
     */
    private @Nullable PreparedStatements preparedStatements;

    /**
     * Processes (replicas) that each open this pool, for the connection budget. Default: DATABASE_PROCESSES /
     * WORKER_DATABASE_PROCESSES, else 1.
     */
    private @Nullable Integer processes;

    /**
     * Client connections the role's endpoint accepts, checked against the budget at start. Default:
     * DATABASE_CLIENT_LIMIT / WORKER_DATABASE_CLIENT_LIMIT, else 15 on Supabase's session pooler, else unknown.
     */
    private @Nullable Integer clientLimit;

    /**
     * PostgreSQL settings applied on each new connection of a session-mode pool, e.g. jit: off (refused on a
     * transaction-mode pool). Default: DATABASE_SERVER_SETTINGS / WORKER_DATABASE_SERVER_SETTINGS, else none.
     */
    private final Map<String, String> serverSettings = new LinkedHashMap<>();

    /**
     * Further HikariCP settings for this role's pool, by HikariConfig property name (connection-timeout,
     * max-lifetime, leak-detection-threshold, ...). Settings that would set session state on a transaction-mode pool
     * are refused.
     */
    private final Map<String, String> hikari = new LinkedHashMap<>();

    public @Nullable String getUrl() {
      return url;
    }

    public void setUrl(@Nullable String url) {
      this.url = url;
    }

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

    public @Nullable PreparedStatements getPreparedStatements() {
      return preparedStatements;
    }

    public void setPreparedStatements(@Nullable PreparedStatements preparedStatements) {
      this.preparedStatements = preparedStatements;
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
