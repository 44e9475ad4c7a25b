package io.weaver.dbrouting.internal.mode;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.internal.url.HostPort;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides a role's pool mode: an explicit mode wins; else {@code pgbouncer=true}; else port 6543 (on every host)
 * means transaction mode; else session mode.
 */
public final class PoolModeResolver {
  /** The port of Supabase's transaction-mode pooler, and of its dedicated PgBouncer. */
  public static final int TRANSACTION_PORT = 6543;

  private PoolModeResolver() {}

  /**
   * The mode of a role on its own connection string.
   *
   * @param explicit the configured mode, or {@code null} for auto
   * @param modeSetting how to name the mode setting in the reason
   * @param url the role's own connection string
   * @param urlSetting how to name the URL setting in the reason
   */
  public static ModeDecision resolve(@Nullable PoolMode explicit, String modeSetting, ParsedUrl url, String urlSetting) {
    if (explicit != null) {
      return new ModeDecision(explicit, modeSetting + "=" + explicit.name().toLowerCase(Locale.ROOT));
    }
    if (Boolean.TRUE.equals(url.pgbouncerHint())) {
      return new ModeDecision(PoolMode.TRANSACTION, "pgbouncer=true in " + urlSetting);
    }
    if (url.hosts().stream().allMatch(h -> h.port() == TRANSACTION_PORT)) {
      return new ModeDecision(PoolMode.TRANSACTION,
          "port " + TRANSACTION_PORT + " is the transaction-mode port of Supabase's pooler");
    }
    int port = url.hosts().stream().mapToInt(HostPort::port).filter(p -> p != TRANSACTION_PORT).findFirst()
        .orElseThrow();
    return new ModeDecision(PoolMode.SESSION, "port " + port + " is not the transaction-mode port "
        + TRANSACTION_PORT + "; set " + modeSetting + "=transaction if this pooler runs in transaction mode");
  }

  /** The worker role on {@code DATABASE_URL}: it takes the API's mode unless its own mode setting says otherwise. */
  public static ModeDecision resolveFallback(@Nullable PoolMode explicit, String modeSetting, ModeDecision api) {
    if (explicit != null) {
      return new ModeDecision(explicit, modeSetting + "=" + explicit.name().toLowerCase(Locale.ROOT));
    }
    return new ModeDecision(api.mode(), "falls back to the API endpoint and takes its mode");
  }
}
