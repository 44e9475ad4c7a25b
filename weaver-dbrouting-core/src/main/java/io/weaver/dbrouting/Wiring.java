package io.weaver.dbrouting;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.weaver.dbrouting.internal.budget.ConnectionBudget;
import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.internal.config.RoleResolver;
import io.weaver.dbrouting.internal.config.SettingsInput;
import io.weaver.dbrouting.internal.connection.StatementNaming;
import io.weaver.dbrouting.internal.diagnostics.FailureExplainer;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import io.weaver.dbrouting.internal.diagnostics.StartupModeCheck;
import io.weaver.dbrouting.internal.diagnostics.StartupReport;
import io.weaver.dbrouting.internal.pool.PoolFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts a data source together from the given settings: resolve each role, configure its pool with its diagnostics,
 * make the plans and the connection budget, log the start-up report. Nothing connects.
 */
@SuppressWarnings("EnumOrdinal") // routes are indexed by role ordinal, see RoleAwareDataSource
final class Wiring {
  private Wiring() {}

  static RoleAwareDataSource build(SettingsInput input) {
    Map<DbRole, ResolvedRole> roles = RoleResolver.resolve(input);
    Map<DbRole, FailureExplainer> explainers = new EnumMap<>(DbRole.class);
    Map<DbRole, HikariConfig> configs = new EnumMap<>(DbRole.class);
    Map<DbRole, StatementNaming> namings = new EnumMap<>(DbRole.class);
    for (ResolvedRole role : roles.values()) {
      FailureExplainer explainer = new FailureExplainer(role.modeLabel(), role.urlLabel(),
          role.preparedStatementsLabel());
      explainers.put(role.role(), explainer);
      PoolFactory.Configured configured = PoolFactory.configure(role, explainer, explainer::connectionFailed);
      configs.put(role.role(), configured.config());
      namings.put(role.role(), configured.naming());
    }
    List<ConnectionBudget.Line> budget = budget(roles, configs);
    Map<DbRole, RolePlan> plans = plans(roles, configs, budget);
    StartupReport.log(roles, plans, budget, input.label(Setting.URL, DbRole.WORKER));
    RoleAwareDataSource.Route[] routes = new RoleAwareDataSource.Route[DbRole.values().length];
    for (ResolvedRole role : roles.values()) {
      RolePlan plan = get(plans, role.role());
      FailureExplainer explainer = get(explainers, role.role());
      StatementNaming naming = get(namings, role.role());
      HikariDataSource pool = PoolFactory.pool(get(configs, role.role()));
      naming.onChange(() -> {
        HikariPoolMXBean running = pool.getHikariPoolMXBean();
        if (running != null) {
          running.softEvictConnections(); // idle ones close now, busy ones when they come back
        }
      });
      explainer.plan(plan, naming);
      StartupModeCheck check = role.probesAtFirstUse()
          ? new StartupModeCheck(plan, () -> PoolerProbe.probe(role.url(), false),
              new StartupModeCheck.Statements(role.checkPoolMode(), role.preparedStatementsLabel(), naming)) : null;
      routes[role.role().ordinal()] = new RoleAwareDataSource.Route(pool, plan, explainer, check);
    }
    return new RoleAwareDataSource(routes);
  }

  /** Each role's plan without a pool, for the doctor. */
  static Map<DbRole, RolePlan> plans(Map<DbRole, ResolvedRole> roles) {
    Map<DbRole, HikariConfig> configs = new EnumMap<>(DbRole.class);
    roles.forEach((role, resolved) -> configs.put(role, PoolFactory.configure(resolved, null, e -> { }).config()));
    return plans(roles, configs, budget(roles, configs));
  }

  /** {@code configs} as built, so that sizes a customizer changed show. */
  private static Map<DbRole, RolePlan> plans(Map<DbRole, ResolvedRole> roles, Map<DbRole, HikariConfig> configs,
      List<ConnectionBudget.Line> budget) {
    Map<DbRole, RolePlan> plans = new EnumMap<>(DbRole.class);
    roles.forEach((role, resolved) -> plans.put(role, RolePlan.of(resolved, get(configs, role),
        ConnectionBudget.limitFor(role, budget))));
    return plans;
  }

  /** What was made for {@code role}; every role has one. */
  static <T> T get(Map<DbRole, T> byRole, DbRole role) {
    return Objects.requireNonNull(byRole.get(role), role + " was resolved");
  }

  private static List<ConnectionBudget.Line> budget(Map<DbRole, ResolvedRole> roles,
      Map<DbRole, HikariConfig> configs) {
    List<ConnectionBudget.Demand> demands = new ArrayList<>();
    for (ResolvedRole role : roles.values()) {
      demands.add(new ConnectionBudget.Demand(role.role(), role.url().endpoint(), role.url(), role.processes(),
          get(configs, role.role()).getMaximumPoolSize(), role.clientLimit(), role.processesLabel(),
          role.clientLimitLabel(), role.sizeLabels()));
    }
    return ConnectionBudget.lines(demands);
  }
}
