package io.weaver.dbrouting.internal.diagnostics;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.internal.connection.SessionStateRefused;
import io.weaver.dbrouting.internal.connection.StatementNaming;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Turns one pool's known failures into one WARN each, the first time they happen: role, mode and why, endpoint, pool
 * sizes, and the fix. It sees statement errors through HikariCP's {@link SQLExceptionOverride} (only ever called with
 * an exception, so the success path costs nothing) and leaves HikariCP's eviction decision as it is; the caller's
 * exception is never changed. A named statement lost behind a pooler turns the pool's statement naming off.
 */
public final class FailureExplainer implements SQLExceptionOverride {
  private static final Logger LOG = Loggers.DIAGNOSTICS;

  private final KnownFailure.Names names;
  /** What was reported already: a {@link KnownFailure}, or one of the two pool states below. */
  private final Set<Object> reported = ConcurrentHashMap.newKeySet();
  private static final String CANNOT_CONNECT = "cannot connect";
  private static final String TIMEOUT = "timeout";
  private final String statementsSetting;
  private volatile @Nullable RolePlan plan;
  private volatile @Nullable StatementNaming naming;

  /**
   * The explainer of one role's pool.
   *
   * @param modeSetting the mode setting a fix may tell the user to change, e.g. {@code WORKER_DATABASE_POOL_MODE}
   * @param urlSetting the URL setting a fix may tell the user to change, e.g. {@code WORKER_DATABASE_URL}
   * @param statementsSetting the prepared statements setting, e.g. {@code WORKER_DATABASE_PREPARED_STATEMENTS}
   */
  public FailureExplainer(String modeSetting, String urlSetting, String statementsSetting) {
    this.names = new KnownFailure.Names(modeSetting, urlSetting);
    this.statementsSetting = statementsSetting;
  }

  /**
   * Set once the role's plan and pool exist; failures before that are not explained.
   *
   * @param naming the pool's statement naming switch, turned off at the first lost named statement
   */
  public void plan(RolePlan plan, StatementNaming naming) {
    this.naming = naming;
    this.plan = plan;
  }

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    if (SessionStateRefused.isRefusal(e)) {
      return SQLExceptionOverride.Override.DO_NOT_EVICT; // a refused call, not a broken connection
    }
    explain(e, null);
    return SQLExceptionOverride.Override.CONTINUE_EVICT; // HikariCP's own decision on eviction stands
  }

  /**
   * A failed attempt to open one of the pool's connections (the pool's own background attempts included): one WARN
   * per kind of failure, with the fix that fits it.
   */
  public void connectionFailed(SQLException e) {
    RolePlan current = plan;
    if (current == null) {
      return;
    }
    if (KnownFailure.of(e) != null) {
      explain(e, null);
    } else if (reported.add(CANNOT_CONNECT)) {
      LOG.warn("{} - the pool cannot open connections ({}); mode {}, endpoint {}. Fix: check the endpoint, the "
              + "user and the password (java -jar weaver-dbrouting-core.jar doctor reports each step)",
          current.poolName(), describe(e), current.mode(), current.endpoint());
    }
  }

  /**
   * {@code e} from a pool's {@code getConnection()}, with the role's mode and endpoint in front of its message and
   * the failure behind a timeout after it; type, SQLSTATE and cause stay.
   */
  public SQLException withContext(SQLException e) {
    RolePlan current = plan;
    if (current == null || !(e instanceof SQLTransientConnectionException)) {
      return e;
    }
    String cause = e.getCause() == null ? "" : "; last connection failure: " + describe(e.getCause());
    return new SQLTransientConnectionException("mode " + current.mode() + ", endpoint " + current.endpoint() + ": "
        + e.getMessage() + cause, e.getSQLState(), e);
  }

  /** Explains a failure to get or use a connection; {@code pool} gives the state for a pool timeout. */
  public void explain(Throwable e, @Nullable HikariPoolMXBean pool) {
    RolePlan current = plan;
    if (current == null) {
      return;
    }
    KnownFailure.Match match = KnownFailure.of(e);
    if (match != null && fellBack(current, match)) {
      return;
    }
    if (match != null) {
      KnownFailure failure = match.failure();
      if (reported.add(failure)) {
        LOG.warn("{} - {} ({}); mode {} ({}), endpoint {}, minimumIdle {}, maximumPoolSize {}. Fix: {}",
            current.poolName(), failure.meaning(), describe(match.shownBy()), current.mode(), current.modeReason(),
            current.endpoint(), current.minimumIdle(), current.maximumPoolSize(), failure.fix(current, names));
      }
    } else if (e instanceof SQLTransientConnectionException && pool != null && pool.getTotalConnections() == 0
        && e.getCause() != null) {
      if (reported.add(CANNOT_CONNECT)) {
        LOG.warn("{} - the pool cannot open connections ({}); mode {}, endpoint {}. Fix: check the endpoint, the "
                + "user and the password (java -jar weaver-dbrouting-core.jar doctor reports each step)",
            current.poolName(), describe(e.getCause()), current.mode(), current.endpoint());
      }
    } else if (e instanceof SQLTransientConnectionException && pool != null && reported.add(TIMEOUT)) {
      LOG.warn("{} - no connection became free in time; mode {}, endpoint {}, pool total {}, active {}, idle {}, "
              + "waiting {}, maximumPoolSize {}. Fix: find what holds connections (long transactions, leaks: "
              + "HikariCP's leakDetectionThreshold), or raise the pool size within the pooler's client limit",
          current.poolName(), current.mode(), current.endpoint(), pool.getTotalConnections(),
          pool.getActiveConnections(), pool.getIdleConnections(), pool.getThreadsAwaitingConnection(),
          current.maximumPoolSize());
    }
  }

  /**
   * A statement pgjdbc named ({@code S_n}) was lost: on a pool that names statements, the first such failure turns
   * naming off (one WARN, whichever thread gets here first), and later ones are its echo. True when handled here.
   */
  private boolean fellBack(RolePlan current, KnownFailure.Match match) {
    StatementNaming switcher = naming;
    if (switcher == null || match.failure() != KnownFailure.NAMED_STATEMENT
        || !String.valueOf(match.shownBy().getMessage()).contains("\"S_")) {
      return false;
    }
    if (switcher.stop()) {
      String fix = current.mode() == PoolMode.SESSION ? match.failure().fix(current, names)
          : "set " + statementsSetting + "=off (or auto) for this endpoint, or turn on the pooler's prepared statement "
              + "support (PgBouncer 1.21+: max_prepared_statements)";
      LOG.warn("{} - a named server-side prepared statement was lost ({}): the endpoint does not keep named statements "
              + "from one server connection to the next; mode {} ({}), endpoint {}. The pool stops naming them: new "
              + "connections get prepareThreshold=0 and the existing ones are replaced as they come back. Fix: {}",
          current.poolName(), describe(match.shownBy()), current.mode(), current.modeReason(), current.endpoint(), fix);
      return true;
    }
    return switcher.fellBack();
  }

  /**
   * SQLSTATE and the first line of the server's message; a batch's own message (which quotes the statement with its
   * bound values) is replaced by the server error behind it.
   */
  private static String describe(Throwable e) {
    Throwable shown = e instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
        ? batch.getNextException() : e;
    String state = shown instanceof SQLException sql && sql.getSQLState() != null
        ? "SQLSTATE " + sql.getSQLState() + ": " : "";
    String message = String.valueOf(shown.getMessage());
    int newline = message.indexOf('\n');
    return state + (newline < 0 ? message : message.substring(0, newline));
  }
}
