package io.weaver.dbrouting;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.internal.budget.ConnectionBudget;
import io.weaver.dbrouting.internal.config.CountSetting;
import io.weaver.dbrouting.internal.config.Setting;
import io.weaver.dbrouting.internal.config.SettingValues;
import io.weaver.dbrouting.internal.connection.DriverConnectionSource;
import io.weaver.dbrouting.internal.diagnostics.FailureExplainer;
import io.weaver.dbrouting.internal.diagnostics.StartupModeCheck;
import io.weaver.dbrouting.internal.mode.ModeDecision;
import io.weaver.dbrouting.internal.mode.PoolModeResolver;
import io.weaver.dbrouting.internal.pool.DriverCompatibility;
import io.weaver.dbrouting.internal.pool.ModeRules;
import io.weaver.dbrouting.internal.pool.PoolSettings;
import io.weaver.dbrouting.internal.pool.ServerSettings;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The builder's state, and the steps that turn it into two configured, not yet started pools. */
final class RoleAwareDataSourceAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(RoleAwareDataSource.class);

  /** One role's settings as given, each with the name its errors use. */
  private static final class RoleInput {
    ParsedUrl url;
    String urlLabel;
    PoolMode mode;
    String modeLabel;
    final CountSetting poolSize;
    final CountSetting maxOverflow;
    final CountSetting processes;
    final CountSetting clientLimit;
    final Map<String, String> serverSettings = new java.util.LinkedHashMap<>();
    String serverSettingsLabel;
    boolean checkPoolMode;
    boolean urlSet;
    boolean modeSet;
    final List<Consumer<? super HikariConfig>> customizers = new ArrayList<>();

    RoleInput(DbRole role, int poolSize, int maxOverflow) {
      this.urlLabel = Setting.url(role).builderMethod();
      this.modeLabel = Setting.mode(role).builderMethod();
      this.poolSize = new CountSetting(Setting.poolSize(role), poolSize, 0);
      this.maxOverflow = new CountSetting(Setting.maxOverflow(role), maxOverflow, 0);
      this.processes = new CountSetting(Setting.processes(role), RoleAwareDataSource.DEFAULT_PROCESSES, 1);
      this.clientLimit = new CountSetting(Setting.clientLimit(role), null, 1);
      this.serverSettingsLabel = Setting.serverSettings(role).builderMethod();
    }
  }

  private final Map<DbRole, RoleInput> inputs = new EnumMap<>(DbRole.class);

  RoleAwareDataSourceAssembly() {
    inputs.put(DbRole.API, new RoleInput(DbRole.API, RoleAwareDataSource.DEFAULT_API_POOL_SIZE,
        RoleAwareDataSource.DEFAULT_API_MAX_OVERFLOW));
    inputs.put(DbRole.WORKER, new RoleInput(DbRole.WORKER, RoleAwareDataSource.DEFAULT_WORKER_POOL_SIZE,
        RoleAwareDataSource.DEFAULT_WORKER_MAX_OVERFLOW));
  }

  void url(DbRole role, String url, String label) {
    RoleInput input = input(role);
    input.urlLabel = label;
    input.urlSet = true;
    if (role == DbRole.WORKER && SettingValues.isUnset(url)) {
      input.url = null;
      return;
    }
    input.url = DatabaseUrl.parse(url, label).parsed();
  }

  void mode(DbRole role, PoolMode mode, String label) {
    RoleInput input = input(role);
    input.mode = mode;
    input.modeLabel = label;
    input.modeSet = true;
  }

  void poolSize(DbRole role, int size) {
    input(role).poolSize.fromBuilder(size);
  }

  void maxOverflow(DbRole role, int overflow) {
    input(role).maxOverflow.fromBuilder(overflow);
  }

  void processes(DbRole role, int processes) {
    input(role).processes.fromBuilder(processes);
  }

  void clientLimit(DbRole role, int limit) {
    input(role).clientLimit.fromBuilder(limit);
  }

  void checkPoolMode(DbRole role, boolean check) {
    input(role).checkPoolMode = check;
  }

  void serverSetting(DbRole role, String name, String value) {
    RoleInput input = input(role);
    input.serverSettingsLabel = Setting.serverSettings(role).builderMethod();
    ServerSettings.put(input.serverSettings, Objects.requireNonNull(name, "name").strip(),
        Objects.requireNonNull(value, "value").strip(), input.serverSettingsLabel);
  }

  void customizer(DbRole role, Consumer<? super HikariConfig> customizer) {
    input(role).customizers.add(Objects.requireNonNull(customizer, "customizer"));
  }

  /**
   * Applies the variables {@code environment} has (blank counts as absent). Absent ones leave builder values alone;
   * where the builder set nothing either, messages name the variable, since that is where a value would go.
   *
   * @param nameOf how messages name the setting behind a variable, e.g. the configuration property it was read from
   */
  void environment(Function<String, String> environment, Function<String, String> nameOf) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(nameOf, "nameOf");
    Function<String, String> names = variable -> {
      String name = nameOf.apply(variable);
      return SettingValues.isUnset(name) ? variable : name;
    };
    for (DbRole role : DbRole.values()) {
      RoleInput input = input(role);
      String urlVariable = Setting.url(role).environmentName();
      String url = environment.apply(urlVariable);
      if (!SettingValues.isUnset(url)) {
        url(role, url, names.apply(urlVariable));
      } else if (!input.urlSet) {
        input.urlLabel = names.apply(urlVariable);
      }
      String modeVariable = Setting.mode(role).environmentName();
      String mode = environment.apply(modeVariable);
      if (!SettingValues.isUnset(mode)) {
        String modeName = names.apply(modeVariable);
        mode(role, SettingValues.mode(mode, modeName), modeName);
      } else if (!input.modeSet) {
        input.modeLabel = names.apply(modeVariable);
      }
      input.poolSize.fromEnvironment(environment, names);
      input.maxOverflow.fromEnvironment(environment, names);
      input.processes.fromEnvironment(environment, names);
      input.clientLimit.fromEnvironment(environment, names);
      String checkName = names.apply(Setting.checkPoolMode(role).environmentName());
      String check = environment.apply(Setting.checkPoolMode(role).environmentName());
      if (!SettingValues.isUnset(check)) {
        input.checkPoolMode = SettingValues.bool(check, checkName);
      }
      String settingsName = names.apply(Setting.serverSettings(role).environmentName());
      String settings = environment.apply(Setting.serverSettings(role).environmentName());
      if (!SettingValues.isUnset(settings)) {
        input.serverSettingsLabel = settingsName;
        ServerSettings.parse(settings, settingsName).forEach((name, value) ->
            ServerSettings.put(input.serverSettings, name, value, settingsName));
      }
    }
  }

  RoleAwareDataSource build() {
    RoleInput api = input(DbRole.API);
    RoleInput worker = input(DbRole.WORKER);
    if (api.url == null) {
      throw invalid(api.urlLabel, "is not set", "the API role needs a connection string",
          "set it to your session-mode pooler or database, e.g. postgresql://USER:PASSWORD@HOST:5432/postgres");
    }
    checkSizes(api);
    checkSizes(worker);
    if (api.url.user() == null) {
      throw noUser(api.urlLabel);
    }
    boolean fellBack = worker.url == null;
    ParsedUrl workerUrl = fellBack ? api.url : worker.url;
    if (workerUrl.user() == null) {
      throw noUser(worker.urlLabel);
    }

    ModeDecision apiMode = PoolModeResolver.resolve(api.mode, api.modeLabel, api.url, api.urlLabel);
    ModeDecision workerMode = fellBack
        ? PoolModeResolver.resolveFallback(worker.mode, worker.modeLabel, apiMode)
        : PoolModeResolver.resolve(worker.mode, worker.modeLabel, workerUrl, worker.urlLabel);

    Map<DbRole, HikariDataSource> pools = new EnumMap<>(DbRole.class);
    Map<DbRole, FailureExplainer> explainers = new EnumMap<>(DbRole.class);
    explainers.put(DbRole.API, new FailureExplainer(api.modeLabel));
    explainers.put(DbRole.WORKER, new FailureExplainer(worker.modeLabel));
    assemble(DbRole.API, api, api.url, apiMode, api.urlLabel, explainers.get(DbRole.API), pools);
    assemble(DbRole.WORKER, worker, workerUrl, workerMode, fellBack ? api.urlLabel : worker.urlLabel,
        explainers.get(DbRole.WORKER), pools);

    List<ConnectionBudget.Line> budget = ConnectionBudget.lines(List.of(
        demand(DbRole.API, api, api.url, pools, api),
        demand(DbRole.WORKER, worker, workerUrl, pools, fellBack ? api : worker)));
    Map<DbRole, RolePlan> plans = new EnumMap<>(DbRole.class);
    plans.put(DbRole.API, plan(DbRole.API, apiMode, false, api.url, pools, api, budget));
    plans.put(DbRole.WORKER, plan(DbRole.WORKER, workerMode, fellBack, workerUrl, pools, worker, budget));
    plans.forEach((role, plan) -> explainers.get(role).plan(plan));

    if (fellBack) {
      LOG.info("{} - {} is not set; the worker role uses {} ({})", DbRole.WORKER.poolName(), worker.urlLabel,
          api.urlLabel, workerUrl.endpoint());
    }
    for (RolePlan plan : plans.values()) {
      LOG.info("{} - mode {} ({}); endpoint {}; minimumIdle {}, maximumPoolSize {}; server-side prepared statements {}; "
              + "socketTimeout {}", plan.poolName(), plan.mode(), plan.modeReason(), plan.endpoint(), plan.minimumIdle(),
          plan.maximumPoolSize(), plan.serverPreparedStatements() ? "on" : "off",
          plan.socketTimeoutSeconds() == 0 ? "none" : plan.socketTimeoutSeconds() + " s");
    }
    logBudget(budget);
    warnAboutDriverDefects(plans);
    Map<DbRole, StartupModeCheck> checks = new EnumMap<>(DbRole.class);
    if (api.checkPoolMode) {
      checks.put(DbRole.API, new StartupModeCheck(plans.get(DbRole.API), () -> Doctor.probe(api.url)));
    }
    if (worker.checkPoolMode) {
      checks.put(DbRole.WORKER, new StartupModeCheck(plans.get(DbRole.WORKER), () -> Doctor.probe(workerUrl)));
    }
    return new RoleAwareDataSource(pools, plans, explainers, checks);
  }

  /** A role's demand; a fallback worker's client limit is the API endpoint's ({@code limits} input). */
  private static ConnectionBudget.Demand demand(DbRole role, RoleInput input, ParsedUrl url,
      Map<DbRole, HikariDataSource> pools, RoleInput limits) {
    CountSetting limit = input.clientLimit.value() != null ? input.clientLimit : limits.clientLimit;
    return new ConnectionBudget.Demand(role, url.endpoint(), url, input.processes.value(),
        pools.get(role).getMaximumPoolSize(), limit.value(), input.processes.label(), limit.label(),
        input.poolSize.label() + " / " + input.maxOverflow.label());
  }

  private static RolePlan plan(DbRole role, ModeDecision mode, boolean fellBack, ParsedUrl url,
      Map<DbRole, HikariDataSource> pools, RoleInput input, List<ConnectionBudget.Line> budget) {
    HikariDataSource pool = pools.get(role);
    return new RolePlan(role, mode.mode(), mode.reason(), fellBack, url.endpoint(), pool.getMinimumIdle(),
        pool.getMaximumPoolSize(), PoolSettings.serverPreparedStatements(pool), PoolSettings.socketTimeoutSeconds(pool),
        String.valueOf(pool.getDataSourceProperties().get("ApplicationName")), input.processes.value(),
        ConnectionBudget.limitFor(role, budget));
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
            .collect(java.util.stream.Collectors.joining(", "));
        String processes = line.demands().stream().map(ConnectionBudget.Demand::processesSetting)
            .collect(java.util.stream.Collectors.joining(", "));
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

  private static void assemble(DbRole role, RoleInput input, ParsedUrl url, ModeDecision mode, String urlLabel,
      FailureExplainer explainer, Map<DbRole, HikariDataSource> pools) {
    ModeRules.checkUrl(url, mode.mode(), urlLabel, input.modeLabel);
    for (String startupSetting : ModeRules.startupSessionSettings(url)) {
      LOG.warn("{} - {} in {} goes into the startup packet, which PgBouncer refuses unless its "
          + "ignore_startup_parameters lists it; fine for a direct connection, otherwise remove it and set it with "
          + "ALTER ROLE ... SET", role.poolName(), startupSetting, urlLabel);
    }
    int poolSize = input.poolSize.value();
    HikariConfig config = PoolSettings.create(role, url, mode.mode(), poolSize, poolSize + input.maxOverflow.value());
    if (!input.serverSettings.isEmpty()) {
      if (mode.mode() == PoolMode.TRANSACTION) {
        throw ServerSettings.refusedOnTransactionPool(input.serverSettings, input.serverSettingsLabel, input.modeLabel);
      }
      config.setConnectionInitSql(ServerSettings.sql(input.serverSettings));
    }
    config.setExceptionOverride(explainer);
    String customizerLabel = "customizeHikari(" + role + ")";
    String jdbcUrl = config.getJdbcUrl();
    for (Consumer<? super HikariConfig> customizer : input.customizers) {
      try {
        customizer.accept(config);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw hikariRefused(customizerLabel, e);
      }
    }
    ModeRules.checkConfig(config, mode.mode(), jdbcUrl, customizerLabel, input.modeLabel);
    validateWithHikari(config, customizerLabel);
    try {
      config.setDataSource(new DriverConnectionSource(role.poolName(), "mode " + mode.mode() + ", endpoint "
          + url.endpoint(), jdbcUrl, PoolSettings.connectionProperties(config, url), config.getDriverClassName(),
          mode.mode() == PoolMode.TRANSACTION, explainer::connectionFailed));
    } catch (IllegalArgumentException e) {
      throw hikariRefused(customizerLabel, e);
    }

    HikariDataSource pool = new HikariDataSource();
    config.copyStateTo(pool);
    pools.put(role, pool);
  }

  /** Lets HikariCP check its own rules now rather than at first use; it works on a copy because it adjusts values. */
  private static void validateWithHikari(HikariConfig config, String label) {
    HikariConfig copy = new HikariConfig();
    config.copyStateTo(copy);
    try {
      copy.validate();
    } catch (RuntimeException e) {
      throw hikariRefused(label, e);
    }
  }

  private static InvalidSettingException hikariRefused(String label, RuntimeException e) {
    InvalidSettingException refused = invalid(label, "HikariCP refuses the pool settings: " + e.getMessage(),
        "HikariCP's own rules apply", "correct the HikariCP setting it names");
    refused.initCause(e);
    return refused;
  }

  private static void checkSizes(RoleInput input) {
    long total = (long) input.poolSize.value() + input.maxOverflow.value();
    String size = input.poolSize.label();
    String overflow = input.maxOverflow.label();
    if (total < 1) {
      throw invalid(size, size + "=0 and " + overflow + "=0 leave the pool no connection",
          "a pool needs at least one connection in total", "set " + size + " or " + overflow + " to 1 or more");
    }
    if (total > Integer.MAX_VALUE) {
      throw invalid(overflow, size + " + " + overflow + " is larger than any pool can be",
          "their sum is the pool's maximum size", "use realistic sizes");
    }
  }

  private static InvalidSettingException noUser(String label) {
    return invalid(label, "names no user", "the pool logs in with the user of the connection string",
        "add the user before the host: postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
  }

  private RoleInput input(DbRole role) {
    return inputs.get(Objects.requireNonNull(role, "role"));
  }
}
