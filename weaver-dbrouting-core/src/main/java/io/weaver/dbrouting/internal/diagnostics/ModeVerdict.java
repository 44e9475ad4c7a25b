package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.Setting;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether what the pooling probe saw at an endpoint contradicts the mode a role's pool runs in, or its server-side
 * prepared statements, and the fix. The first-use check and the doctor both judge with it.
 */
public final class ModeVerdict {
  private ModeVerdict() {}

  /** The fix when what the probe saw contradicts the plan's mode, else {@code null}. */
  public static @Nullable String mismatch(RolePlan plan, PoolerProbe.Result result) {
    if (result.stop() != PoolerProbe.Stop.NONE) {
      return null;
    }
    String modeSetting = Setting.POOL_MODE.variable(plan.role());
    boolean moves = result.behaviour() == PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS;
    if (moves && plan.mode() == PoolMode.SESSION) {
      return "this endpoint pools by transaction: set " + modeSetting + "=transaction, or use its session-mode endpoint";
    }
    if (!moves && plan.mode() == PoolMode.TRANSACTION) {
      return "this endpoint keeps sessions (a session-mode pooler or a direct connection): set " + modeSetting
          + "=session to keep server-side prepared statements";
    }
    return null;
  }

  /** The fix when the pool names statements the endpoint loses, else {@code null}. */
  public static @Nullable String statementsMismatch(RolePlan plan, PoolerProbe.Result result) {
    if (plan.preparedStatements() == PreparedStatements.ON
        && result.namedStatements() == PoolerProbe.NamedStatements.LOST) {
      return "this endpoint loses named statements between server connections, but the pool names them: set "
          + Setting.PREPARED_STATEMENTS.variable(plan.role()) + "=auto or off, or turn on the pooler's prepared "
          + "statement support (PgBouncer 1.21+: max_prepared_statements)";
    }
    return null;
  }

  /** What became of a named statement, in words; with the gain of naming where it was measured. */
  public static String namedStatements(PoolerProbe.Result result) {
    PoolerProbe.NamedStatements named = result.namedStatements();
    if (named == null) {
      return "not checked";
    }
    return switch (named) {
      case LOST -> "lost between server connections (needs prepareThreshold=0)";
      case KEPT -> "kept by the pooler across server connections" + (result.namingGain() == null ? ""
          : String.format(Locale.ROOT, "; naming them ran a query that needs planning %.2fx as fast",
              result.namingGain()));
      case NOT_APPLICABLE -> "not applicable (the endpoint keeps each client's server session)";
    };
  }

  /** How the probe saw the endpoint pool, in words. */
  public static String observed(PoolerProbe.Result result) {
    return result.behaviour() == PoolerProbe.Behaviour.KEEPS_SESSION ? "keeps sessions" : "pools by transaction";
  }
}
