package io.weaver.dbrouting.internal.pool;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;
import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.Setting;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * Refuses settings that cannot work on a pool's mode. On a transaction-mode pooler a server connection is shared
 * between clients from one transaction to the next, so named server-side statements collide and anything that sets
 * session state leaks to other clients.
 */
public final class ModeRules {
  private static final String PREPARE_THRESHOLD = PGProperty.PREPARE_THRESHOLD.getName();
  private static final String READ_ONLY_MODE = PGProperty.READ_ONLY_MODE.getName();
  private static final String CURRENT_SCHEMA = PGProperty.CURRENT_SCHEMA.getName();
  private static final String OPTIONS = PGProperty.OPTIONS.getName();

  private ModeRules() {}

  /** The URL parameters, as written, that pgjdbc sends as session settings in the startup packet. */
  public static java.util.List<String> startupSessionSettings(ParsedUrl url) {
    return java.util.stream.Stream.of(CURRENT_SCHEMA, OPTIONS).filter(url.properties()::containsKey)
        .map(url::originOf).toList();
  }

  /**
   * Checks a connection string's parameters against the mode of the pool it feeds and its prepared statements setting.
   *
   * @param statements the prepared statements setting in effect
   * @param statementsGiven whether it was given (else it is the mode's default)
   */
  public static void checkUrl(ParsedUrl url, PoolMode mode, PreparedStatements statements, boolean statementsGiven,
      String urlLabel, String modeLabel, String statementsLabel) {
    Map<String, String> properties = url.properties();
    String threshold = properties.get(PREPARE_THRESHOLD);
    boolean unnamed = threshold != null && threshold.strip().equals("0");
    if (threshold != null && !unnamed && statements == PreparedStatements.OFF) {
      String what = quote(url.originOf(PREPARE_THRESHOLD) + "=" + threshold);
      if (mode == PoolMode.TRANSACTION) {
        throw namedStatements(urlLabel, what, modeLabel, statementsLabel,
            "remove it: the pool sets prepareThreshold=0 itself");
      }
      throw invalid(urlLabel, what + " names server-side prepared statements, but " + statementsLabel + " turns them "
          + "off", "the two must agree", "remove it, or set " + statementsLabel + "=on");
    }
    if (unnamed && statementsGiven && statements != PreparedStatements.OFF) {
      throw invalid(urlLabel, quote(url.originOf(PREPARE_THRESHOLD) + "=" + threshold) + " turns server-side "
              + "prepared statements off, but " + statementsLabel + " is " + statements.name().toLowerCase(Locale.ROOT),
          "the two must agree", "remove it from the URL, or set " + statementsLabel + "=off");
    }
    if (mode != PoolMode.TRANSACTION) {
      return;
    }
    if ("always".equals(properties.get(READ_ONLY_MODE))) {
      throw sessionState(urlLabel, "readOnlyMode=always", "makes pgjdbc send SET SESSION CHARACTERISTICS", modeLabel,
          "remove it; the default readOnlyMode=transaction marks read-only transactions without session state");
    }
    for (String property : new String[] {CURRENT_SCHEMA, OPTIONS}) {
      if (properties.containsKey(property)) {
        throw sessionState(urlLabel, quote(url.originOf(property)),
            "sets session state in the startup packet, which PgBouncer refuses and a transaction pooler cannot keep",
            modeLabel, "remove it and schema-qualify names, or set it per database role with ALTER ROLE ... SET");
      }
    }
  }

  /**
   * Checks a finished HikariConfig (after user customizers) against the mode.
   *
   * @param jdbcUrl the jdbcUrl this library set; a customizer may not replace it, nor bypass it with a DataSource
   * @param threshold the {@code prepareThreshold} this library set ({@code null}: none); a customizer may not change
   *     it on a transaction-mode pool
   */
  public static void checkConfig(HikariConfig config, PoolMode mode, String jdbcUrl, @Nullable Object threshold,
      String customizerLabel, String modeLabel, String statementsLabel) {
    if (!jdbcUrl.equals(config.getJdbcUrl()) || config.getDataSource() != null
        || config.getDataSourceClassName() != null) {
      throw invalid(customizerLabel, "it replaces the connection (jdbcUrl, dataSource or dataSourceClassName)",
          "the connection comes from the role's URL, so that the pool's mode rules apply to it",
          "set the URL with " + Setting.URL.variable(DbRole.API) + " / " + Setting.URL.variable(DbRole.WORKER)
              + ", and its parameters there or as data source properties");
    }
    for (Map.Entry<Object, Object> property : config.getDataSourceProperties().entrySet()) {
      if (!(property.getValue() instanceof String)) {
        String type = property.getValue() == null ? "null" : property.getValue().getClass().getSimpleName();
        throw invalid(customizerLabel, "data source property " + quote(String.valueOf(property.getKey()))
                + " is a " + type + ", and pgjdbc reads only String values, so it would be silently ignored",
            "data source properties must be Strings", "pass its value as a String, e.g. \"0\" rather than 0");
      }
    }
    if (mode != PoolMode.TRANSACTION) {
      return;
    }
    Object customized = config.getDataSourceProperties().get(PREPARE_THRESHOLD);
    if (!Objects.equals(stripped(threshold), stripped(customized))) {
      throw namedStatements(customizerLabel, "prepareThreshold=" + customized, modeLabel, statementsLabel,
          "do not change prepareThreshold on this pool");
    }
    if (config.getTransactionIsolation() != null) {
      throw sessionState(customizerLabel, "transactionIsolation",
          "makes every connection send SET SESSION CHARACTERISTICS", modeLabel,
          "remove it, and start transactions that need another level with "
              + "BEGIN ISOLATION LEVEL ... or SET TRANSACTION ISOLATION LEVEL ... inside them");
    }
    if (config.getSchema() != null) {
      throw sessionState(customizerLabel, "schema", "makes every connection send SET search_path", modeLabel,
          "remove it and schema-qualify names, or set it per database role with ALTER ROLE ... SET search_path");
    }
    if (config.getConnectionInitSql() != null) {
      throw sessionState(customizerLabel, "connectionInitSql",
          "runs once per client connection, but the pooler hands each transaction any server connection", modeLabel,
          "remove it; use SET LOCAL inside the transaction, or ALTER ROLE ... SET for a lasting setting");
    }
    for (Map.Entry<Object, Object> property : config.getDataSourceProperties().entrySet()) {
      String name = String.valueOf(property.getKey());
      if (name.equals(READ_ONLY_MODE) && "always".equals(property.getValue())) {
        throw sessionState(customizerLabel, "readOnlyMode=always", "makes pgjdbc send SET SESSION CHARACTERISTICS",
            modeLabel, "remove it; the default readOnlyMode=transaction needs no session state");
      }
      if (name.equals(CURRENT_SCHEMA) || name.equals(OPTIONS)) {
        throw sessionState(customizerLabel, quote(name),
            "sets session state in the startup packet, which PgBouncer refuses and a transaction pooler cannot keep",
            modeLabel, "remove it and schema-qualify names, or set it per database role with ALTER ROLE ... SET");
      }
    }
  }

  private static @Nullable String stripped(@Nullable Object value) {
    return value == null ? null : value.toString().strip();
  }

  private static IllegalArgumentException namedStatements(String label, String what, String modeLabel,
      String statementsLabel, String fix) {
    return invalid(label, what + " makes pgjdbc name server-side prepared statements on a transaction-mode pool, "
            + "which fails under load with 'prepared statement \"S_1\" does not exist' or '... already exists' "
            + "unless the pooler keeps them", "on a transaction-mode pool, " + statementsLabel + " alone decides "
            + "whether statements are named",
        fix + "; to name statements where the pooler keeps them (PgBouncer 1.21+ with max_prepared_statements), set "
            + statementsLabel + "=auto or on; or set " + modeLabel + "=session if this endpoint is really a "
            + "session-mode pooler");
  }

  private static IllegalArgumentException sessionState(String label, String what, String effect, String modeLabel,
      String fix) {
    return invalid(label, what + " " + effect + " on a transaction-mode pool, where session state leaks to "
            + "other clients", "a transaction-mode pool sets no session state",
        fix + " (or set " + modeLabel + "=session if this endpoint is really a session-mode pooler)");
  }
}
