package io.weaver.dbrouting.internal.config;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.internal.mode.ModeDecision;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What was decided for one role, before any pool exists: its endpoint, mode and why, sizes, server settings,
 * prepared statements and first-use check, each setting with the name its errors and log lines use.
 *
 * @param url the role's connection string (the API's when the worker falls back)
 * @param urlLabel the URL setting as messages name it (the API's when the worker falls back)
 * @param fellBack true for a worker on the API's connection string
 * @param clientLimit the endpoint's client limit as given, or {@code null}
 * @param clientLimitLabel how to name the setting that gives {@code clientLimit}
 * @param preparedStatementsGiven the prepared statements setting as given, or {@code null} for the mode's default
 */
public record ResolvedRole(
    DbRole role,
    ParsedUrl url,
    String urlLabel,
    boolean fellBack,
    ModeDecision mode,
    String modeLabel,
    int poolSize,
    int maxOverflow,
    String sizeLabels,
    int processes,
    String processesLabel,
    @Nullable Integer clientLimit,
    String clientLimitLabel,
    Map<String, String> serverSettings,
    String serverSettingsLabel,
    boolean checkPoolMode,
    @Nullable PreparedStatements preparedStatementsGiven,
    String preparedStatementsLabel,
    List<Consumer<? super HikariConfig>> customizers) {

  public ResolvedRole {
    serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(serverSettings)); // in the order given
    customizers = List.copyOf(customizers);
  }

  /** The prepared statements setting in effect: as given, else on in session mode and off in transaction mode. */
  public PreparedStatements preparedStatements() {
    if (preparedStatementsGiven != null) {
      return preparedStatementsGiven;
    }
    return defaultPreparedStatements(mode.mode());
  }

  /** The prepared statements setting when none is given: on in session mode, off in transaction mode. */
  public static PreparedStatements defaultPreparedStatements(PoolMode mode) {
    return mode == PoolMode.TRANSACTION ? PreparedStatements.OFF : PreparedStatements.ON;
  }

  /**
   * True when the first use probes the endpoint: the pool mode check was asked for, or a transaction-mode pool may
   * name statements and the probe decides ({@code auto}) or confirms ({@code on}) that the pooler keeps them.
   */
  public boolean probesAtFirstUse() {
    return checkPoolMode || (mode.mode() == PoolMode.TRANSACTION && preparedStatements() != PreparedStatements.OFF);
  }

  /** HikariCP's {@code maximumPoolSize}: pool size plus overflow. */
  public int maximumPoolSize() {
    return poolSize + maxOverflow;
  }
}
