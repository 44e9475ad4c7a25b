package io.weaver.dbrouting;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.internal.pool.PoolSettings;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * What was decided for one role when the {@link RoleAwareDataSource} was built: mode and why, endpoint, pool sizes.
 * Building a plan opens no connection, and a plan holds no secret.
 */
public final class RolePlan {
  private final DbRole role;
  private final PoolMode mode;
  private final String modeReason;
  private final boolean fellBack;
  private final String endpoint;
  private final int minimumIdle;
  private final int maximumPoolSize;
  private final PreparedStatements preparedStatements;
  private final boolean serverPreparedStatements;
  private final int socketTimeoutSeconds;
  private final String applicationName;
  private final int processes;
  private final @Nullable Integer clientLimit;

  RolePlan(DbRole role, PoolMode mode, String modeReason, boolean fellBack, String endpoint, int minimumIdle,
      int maximumPoolSize, PreparedStatements preparedStatements, boolean serverPreparedStatements, int socketTimeoutSeconds, String applicationName,
      int processes,
      @Nullable Integer clientLimit) {
    this.role = role;
    this.mode = mode;
    this.modeReason = modeReason;
    this.fellBack = fellBack;
    this.endpoint = endpoint;
    this.minimumIdle = minimumIdle;
    this.maximumPoolSize = maximumPoolSize;
    this.preparedStatements = preparedStatements;
    this.serverPreparedStatements = serverPreparedStatements;
    this.socketTimeoutSeconds = socketTimeoutSeconds;
    this.applicationName = applicationName;
    this.processes = processes;
    this.clientLimit = clientLimit;
  }

  /** The plan of a resolved role whose pool has {@code config}; {@code clientLimit} from the connection budget. */
  static RolePlan of(ResolvedRole role, HikariConfig config, @Nullable Integer clientLimit) {
    return new RolePlan(role.role(), role.mode().mode(), role.mode().reason(), role.fellBack(), role.url().endpoint(),
        config.getMinimumIdle(), config.getMaximumPoolSize(), role.preparedStatements(),
        PoolSettings.serverPreparedStatements(config),
        PoolSettings.socketTimeoutSeconds(config),
        String.valueOf(config.getDataSourceProperties().get(PGProperty.APPLICATION_NAME.getName())), role.processes(),
        clientLimit);
  }

  /** The role this plan is for. */
  public DbRole role() {
    return role;
  }

  /** The pool mode this role's pool is set up for. */
  public PoolMode mode() {
    return mode;
  }

  /** Why {@link #mode()} was chosen, e.g. {@code port 6543 is the transaction-mode port of Supabase's pooler}. */
  public String modeReason() {
    return modeReason;
  }

  /** True when the worker role uses {@code DATABASE_URL} because {@code WORKER_DATABASE_URL} is not set. */
  public boolean fellBack() {
    return fellBack;
  }

  /** {@code host:port[,host:port]/database}, with no secret. */
  public String endpoint() {
    return endpoint;
  }

  /** Connections the pool keeps open: the role's pool size (HikariCP {@code minimumIdle}). */
  public int minimumIdle() {
    return minimumIdle;
  }

  /** The most connections the pool opens: pool size plus overflow (HikariCP {@code maximumPoolSize}). */
  public int maximumPoolSize() {
    return maximumPoolSize;
  }

  /**
   * The prepared statements setting in effect: as given ({@code DATABASE_PREPARED_STATEMENTS} /
   * {@code WORKER_DATABASE_PREPARED_STATEMENTS}), else {@code ON} in session mode and {@code OFF} in transaction mode.
   */
  public PreparedStatements preparedStatements() {
    return preparedStatements;
  }

  /**
   * False when the pool's connections start with {@code prepareThreshold=0}, so that pgjdbc never names a server-side
   * statement: {@code OFF}, and {@code AUTO} in transaction mode until the first-use probe turns them on.
   */
  public boolean serverPreparedStatements() {
    return serverPreparedStatements;
  }

  /**
   * pgjdbc's {@code socketTimeout}: the longest a call waits for the endpoint to answer before it fails and the
   * connection is closed; 0 means no bound. Default 300 for the API role, 60 for the worker role; the connection
   * string's {@code socketTimeout} parameter overrides it.
   */
  public int socketTimeoutSeconds() {
    return socketTimeoutSeconds;
  }

  /** The HikariCP pool name, also the prefix of this role's log lines. */
  public String poolName() {
    return role.poolName();
  }

  /** The {@code application_name} the server sees for this role's connections. */
  public String applicationName() {
    return applicationName;
  }

  /** Processes that each open this role's pool ({@code DATABASE_PROCESSES}; default 1). */
  public int processes() {
    return processes;
  }

  /** {@link #processes()} times {@link #maximumPoolSize()}: the most clients this role opens on its endpoint. */
  public long clientBudget() {
    return (long) processes * maximumPoolSize;
  }

  /**
   * The endpoint's client limit: {@code DATABASE_CLIENT_LIMIT} / {@code WORKER_DATABASE_CLIENT_LIMIT}, else 15 on
   * Supabase's session pooler, else empty (unknown). A fallback worker shares the API endpoint's limit, and the two
   * roles' budgets add up against it.
   */
  public OptionalInt clientLimit() {
    return clientLimit == null ? OptionalInt.empty() : OptionalInt.of(clientLimit);
  }

  @Override
  public String toString() {
    return poolName() + " - mode " + mode + " (" + modeReason + "), endpoint " + endpoint
        + (fellBack ? " (fallback to " + Setting.URL.variable(DbRole.API) + ")" : "") + ", minimumIdle " + minimumIdle + ", maximumPoolSize "
        + maximumPoolSize + ", server-side prepared statements " + (serverPreparedStatements ? "on" : "off")
        + (preparedStatements == PreparedStatements.AUTO ? " (auto)" : "")
        + ", socketTimeout " + (socketTimeoutSeconds == 0 ? "none" : socketTimeoutSeconds + " s");
  }
}
