package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.Setting;
import org.jspecify.annotations.Nullable;

/**
 * Whether what the pooling probe saw at an endpoint contradicts the mode a role's pool runs in, and the fix. The
 * first-use check and the doctor both judge with it.
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

  /** How the probe saw the endpoint pool, in words. */
  public static String observed(PoolerProbe.Result result) {
    return result.behaviour() == PoolerProbe.Behaviour.KEEPS_SESSION ? "keeps sessions" : "pools by transaction";
  }
}
