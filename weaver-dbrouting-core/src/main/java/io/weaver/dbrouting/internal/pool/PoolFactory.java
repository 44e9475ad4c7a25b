package io.weaver.dbrouting.internal.pool;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.internal.connection.DriverConnectionSource;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a resolved role into its HikariCP configuration - this library's settings, then the user's customizers,
 * checked against the role's mode and by HikariCP itself - and into a pool that starts at its first use.
 */
public final class PoolFactory {
  private PoolFactory() {}

  /**
   * The role's checked configuration; its connections come from a {@link DriverConnectionSource}.
   *
   * @param diagnostics sees every SQLException of the pool's connections
   * @param connectionFailures sees every failed attempt to open a connection
   * @throws InvalidSettingException naming the setting, the problem and the fix
   */
  public static HikariConfig configure(ResolvedRole role, @Nullable SQLExceptionOverride diagnostics,
      Consumer<SQLException> connectionFailures) {
    PoolMode mode = role.mode().mode();
    ModeRules.checkUrl(role.url(), mode, role.urlLabel(), role.modeLabel());
    HikariConfig config = PoolSettings.create(role.role(), role.url(), mode, role.poolSize(), role.maximumPoolSize());
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
    for (Consumer<? super HikariConfig> customizer : role.customizers()) {
      try {
        customizer.accept(config);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw hikariRefused(customizerLabel, e);
      }
    }
    ModeRules.checkConfig(config, mode, jdbcUrl, customizerLabel, role.modeLabel());
    validateWithHikari(config, customizerLabel);
    try {
      config.setDataSource(new DriverConnectionSource(role.role().poolName(), "mode " + mode + ", endpoint "
          + role.url().endpoint(), jdbcUrl, PoolSettings.connectionProperties(config, role.url()),
          config.getDriverClassName(), mode == PoolMode.TRANSACTION, connectionFailures));
    } catch (IllegalArgumentException e) {
      throw hikariRefused(customizerLabel, e);
    }
    return config;
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
