package io.weaver.dbrouting.internal.pool;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.internal.connection.DriverConnectionSource;
import io.weaver.dbrouting.internal.connection.StatementNaming;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * Turns a resolved role into its HikariCP configuration - this library's settings, then the user's customizers,
 * checked against the role's mode and by HikariCP itself - and into a pool that starts at its first use.
 */
public final class PoolFactory {
  private static final String PREPARE_THRESHOLD = PGProperty.PREPARE_THRESHOLD.getName();

  private PoolFactory() {}

  /** A pool's checked configuration and the switch that decides whether its new connections name statements. */
  public record Configured(HikariConfig config, StatementNaming naming) {}

  /**
   * The role's checked configuration; its connections come from a {@link DriverConnectionSource}.
   *
   * @param diagnostics sees every SQLException of the pool's connections
   * @param connectionFailures sees every failed attempt to open a connection
   * @throws InvalidSettingException naming the setting, the problem and the fix
   */
  public static Configured configure(ResolvedRole role, @Nullable SQLExceptionOverride diagnostics,
      Consumer<SQLException> connectionFailures) {
    PoolMode mode = role.mode().mode();
    PreparedStatements statements = role.preparedStatements();
    ModeRules.checkUrl(role.url(), mode, statements, role.preparedStatementsGiven() != null, role.urlLabel(),
        role.modeLabel(), role.preparedStatementsLabel());
    HikariConfig config = PoolSettings.create(role.role(), role.url(), mode, statements, role.poolSize(),
        role.maximumPoolSize());
    if (!role.serverSettings().isEmpty()) {
      if (mode == PoolMode.TRANSACTION) {
        throw ServerSettings.refusedOnTransactionPool(role.serverSettings(), role.serverSettingsLabel(),
            role.modeLabel());
      }
      config.setConnectionInitSql(ServerSettings.sql(role.serverSettings()));
    }
    config.setExceptionOverride(diagnostics);
    String customizerLabel = "customizeHikari(" + role.role() + ")";
    String jdbcUrl = config.getJdbcUrl();
    Object threshold = config.getDataSourceProperties().get(PREPARE_THRESHOLD);
    for (Consumer<? super HikariConfig> customizer : role.customizers()) {
      try {
        customizer.accept(config);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw hikariRefused(customizerLabel, e);
      }
    }
    ModeRules.checkConfig(config, mode, jdbcUrl, threshold, customizerLabel, role.modeLabel(),
        role.preparedStatementsLabel());
    validateWithHikari(config, customizerLabel);
    StatementNaming naming = naming(config, role.url(), PoolSettings.startsUnnamed(mode, statements));
    try {
      config.setDataSource(new DriverConnectionSource(role.role().poolName(), "mode " + mode + ", endpoint "
          + role.url().endpoint(), jdbcUrl, PoolSettings.connectionProperties(config, role.url()),
          config.getDriverClassName(), mode == PoolMode.TRANSACTION, connectionFailures, naming));
    } catch (IllegalArgumentException e) {
      throw hikariRefused(customizerLabel, e);
    }
    return new Configured(config, naming);
  }

  /**
   * The pool's naming switch: on where the finished configuration names statements; the threshold while on is the
   * configured one, or for a pool that starts unnamed until a probe, the connection string's (else pgjdbc's default).
   */
  private static StatementNaming naming(HikariConfig config, ParsedUrl url, boolean startsUnnamed) {
    if (startsUnnamed) {
      return new StatementNaming(false, url.properties().get(PREPARE_THRESHOLD));
    }
    Object configured = config.getDataSourceProperties().get(PREPARE_THRESHOLD);
    return new StatementNaming(PoolSettings.serverPreparedStatements(config),
        configured == null ? null : configured.toString());
  }

  /** A pool with {@code config}'s settings; it connects at its first use. */
  public static HikariDataSource pool(HikariConfig config) {
    HikariDataSource pool = new HikariDataSource();
    config.copyStateTo(pool);
    return pool;
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
}
