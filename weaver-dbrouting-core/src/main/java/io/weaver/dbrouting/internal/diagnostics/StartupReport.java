package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.internal.budget.ConnectionBudget;
import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.internal.pool.DriverCompatibility;
import io.weaver.dbrouting.internal.pool.ModeRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * What a new data source logs once, at start: each role's decisions (INFO), the connection budget per endpoint (INFO,
 * or WARN with the arithmetic and the fix), and WARNs for settings that will hurt (startup parameters a pooler refuses,
 * a pgjdbc with a known defect on a transaction-mode pool).
 */
public final class StartupReport {
  private static final Logger LOG = Loggers.STARTUP;

  private StartupReport() {}

  /**
   * Logs the report of a new data source.
   *
   * @param workerUrlLabel how to name the worker's own URL setting, for the fallback line
   */
  public static void log(Map<DbRole, ResolvedRole> roles, Map<DbRole, RolePlan> plans,
      List<ConnectionBudget.Line> budget, String workerUrlLabel) {
    ResolvedRole worker = Objects.requireNonNull(roles.get(DbRole.WORKER), "both roles are resolved");
    if (worker.fellBack()) {
      LOG.info("{} - {} is not set; the worker role uses {} ({})", DbRole.WORKER.poolName(), workerUrlLabel,
          worker.urlLabel(), worker.url().endpoint());
    }
    for (ResolvedRole role : roles.values()) {
      for (String startupSetting : ModeRules.startupSessionSettings(role.url())) {
        LOG.warn("{} - {} in {} goes into the startup packet, which PgBouncer refuses unless its "
            + "ignore_startup_parameters lists it; fine for a direct connection, otherwise remove it and set it with "
            + "ALTER ROLE ... SET", role.role().poolName(), startupSetting, role.urlLabel());
      }
    }
    for (RolePlan plan : plans.values()) {
      LOG.info("{} - mode {} ({}); endpoint {}; minimumIdle {}, maximumPoolSize {}; server-side prepared statements {}; "
              + "socketTimeout {}", plan.poolName(), plan.mode(), plan.modeReason(), plan.endpoint(), plan.minimumIdle(),
          plan.maximumPoolSize(), preparedStatements(plan, Objects.requireNonNull(roles.get(plan.role()),
              "both roles are resolved")),
          plan.socketTimeoutSeconds() == 0 ? "none" : plan.socketTimeoutSeconds() + " s");
    }
    logBudget(budget);
    warnAboutDriverDefects(plans);
  }

  /** The pool's prepared statements and why. */
  private static String preparedStatements(RolePlan plan, ResolvedRole role) {
    String label = role.preparedStatementsLabel();
    boolean given = role.preparedStatementsGiven() != null;
    if (plan.mode() == PoolMode.SESSION) {
      return plan.serverPreparedStatements() ? "on (session mode keeps them)" : "off (prepareThreshold=0"
          + (given ? ", " + label + "=off)" : " in the connection string)");
    }
    return switch (plan.preparedStatements()) {
      case OFF -> given ? "off (" + label + "=off)"
          : "off (transaction mode; " + label + "=auto turns them on where a probe sees the pooler keep them)";
      case ON -> "on (" + label + "=on; the first use probes whether the pooler keeps them, and a lost statement "
          + "turns them off)";
      case AUTO -> "off until the first use probes the pooler and sees it keep them (" + label + "=auto)";
    };
  }

  private static void logBudget(List<ConnectionBudget.Line> budget) {
    for (ConnectionBudget.Line line : budget) {
      String pool = line.demands().get(0).role().poolName();
      if (line.limit() == null) {
        LOG.info("{} - connection budget for {}: {} clients (client limit unknown; set {} to check it)", pool,
            line.endpoint(), line.arithmetic(), line.demands().get(0).limitSetting());
      } else if (!line.over()) {
        LOG.info("{} - connection budget for {}: {} of {} ({})", pool, line.endpoint(), line.arithmetic(),
            line.limit(), line.limitSource());
      } else {
        String sizes = line.demands().stream().map(ConnectionBudget.Demand::sizeSettings)
            .collect(Collectors.joining(", "));
        String processes = line.demands().stream().map(ConnectionBudget.Demand::processesSetting)
            .collect(Collectors.joining(", "));
        LOG.warn("{} - connection budget for {}: {} of {} ({}): under load clients beyond {} are refused or wait. "
                + "Fix: lower {} so that the total fits, {}or run fewer processes ({})", pool, line.endpoint(),
            line.arithmetic(), line.limit(), line.limitSource(), line.limit(), sizes,
            line.servesApi() ? "move bursty work to the transaction-mode endpoint (the worker role, Supabase port "
                + "6543), " : "raise the endpoint's client limit, ", processes);
      }
    }
  }

  /** Read from the loaded driver at run time: a BOM such as Spring Boot's often brings a newer pgjdbc than ours. */
  private static void warnAboutDriverDefects(Map<DbRole, RolePlan> plans) {
    String version = DriverCompatibility.runtimeVersion();
    LOG.debug("pgjdbc {} is loaded", version);
    if (!DriverCompatibility.describeNamesStatements(version)) {
      return;
    }
    for (RolePlan plan : plans.values()) {
      if (plan.mode() == PoolMode.TRANSACTION) {
        LOG.warn("{} - pgjdbc {} names a server-side statement when PreparedStatement.getMetaData() runs before the "
            + "first execution, even with prepareThreshold=0 (pgjdbc issue #3896); on this transaction-mode pool that "
            + "fails under load with 'prepared statement \"S_n\" already exists'. Fix: use org.postgresql:postgresql "
            + "{} (under Spring Boot's dependency management set the property postgresql.version={}), or do not call "
            + "getMetaData() before executing on this role", plan.poolName(), version,
            DriverCompatibility.NEWEST_SAFE_VERSION, DriverCompatibility.NEWEST_SAFE_VERSION);
      }
    }
  }
}
