package io.weaver.dbrouting.internal.pool;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.internal.url.JdbcUrlWriter;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * What each pool gets, and why:
 * <ul>
 *   <li>the connection string's own parameters as String data source properties (pgjdbc ignores any other type);
 *   <li>{@code ApplicationName} naming the role, sent in the startup packet;
 *   <li>{@code assumeMinServerVersion} so pgjdbc sends its settings in the startup packet and issues no
 *       {@code SET} after connecting (a pooler would otherwise carry them to other clients, or refuse them);
 *   <li>{@code tcpKeepAlive=true}, so dead pooler connections are noticed;
 *   <li>{@code socketTimeout} ({@value #API_SOCKET_TIMEOUT_SECONDS} s for the API role, {@value
 *       #WORKER_SOCKET_TIMEOUT_SECONDS} s for the worker role), so a pooler that stops answering releases its callers;
 *   <li>{@code prepareThreshold=0} where server-side prepared statements are off (transaction mode by default, and
 *       {@code auto} until a probe turns them on): pgjdbc never names a server-side statement;
 *   <li>HikariCP's {@code initializationFailTimeout=-1}: the pool starts without connecting, so concurrent first callers
 *       all wait at most {@code connectionTimeout}, instead of one after another behind HikariCP's start-up lock.
 * </ul>
 * Each pgjdbc property applies only where the connection string does not set it.
 */
public final class PoolSettings {
  /** Sent as {@code assumeMinServerVersion} unless the connection string says otherwise. */
  public static final String ASSUMED_SERVER_VERSION = "12";
  /**
   * API role's {@code socketTimeout}: long enough for migrations and reports of a few minutes, short enough that a
   * frozen pooler does not hold an interactive caller forever.
   */
  public static final int API_SOCKET_TIMEOUT_SECONDS = 300;
  /**
   * Worker role's {@code socketTimeout}: work on a transaction-mode pooler holds a shared server connection for each
   * statement, so statements there are meant to be short; a stalled pooler releases workers within a minute.
   */
  public static final int WORKER_SOCKET_TIMEOUT_SECONDS = 60;

  private PoolSettings() {}

  /** A HikariConfig for {@code role} with the mode's default for prepared statements. */
  public static HikariConfig create(DbRole role, ParsedUrl url, PoolMode mode, int minimumIdle, int maximumPoolSize) {
    return create(role, url, mode, ResolvedRole.defaultPreparedStatements(mode), minimumIdle, maximumPoolSize);
  }

  /** A HikariConfig for {@code role}; nothing connects until the pool is first used. */
  public static HikariConfig create(DbRole role, ParsedUrl url, PoolMode mode, PreparedStatements statements,
      int minimumIdle, int maximumPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(role.poolName());
    config.setJdbcUrl(JdbcUrlWriter.base(url));
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    config.setMinimumIdle(minimumIdle);
    config.setMaximumPoolSize(maximumPoolSize);
    url.properties().forEach(config::addDataSourceProperty);
    Map<String, String> urlProperties = url.properties();
    config.addDataSourceProperty(PGProperty.APPLICATION_NAME.getName(),
        applicationName(role, urlProperties.get(PGProperty.APPLICATION_NAME.getName())));
    setIfAbsent(config, urlProperties, PGProperty.TCP_KEEP_ALIVE, "true");
    setIfAbsent(config, urlProperties, PGProperty.ASSUME_MIN_SERVER_VERSION, ASSUMED_SERVER_VERSION);
    setIfAbsent(config, urlProperties, PGProperty.SOCKET_TIMEOUT, String.valueOf(
        role == DbRole.API ? API_SOCKET_TIMEOUT_SECONDS : WORKER_SOCKET_TIMEOUT_SECONDS));
    config.setInitializationFailTimeout(-1);
    if (startsUnnamed(mode, statements)) {
      config.addDataSourceProperty(PGProperty.PREPARE_THRESHOLD.getName(), "0");
    }
    return config;
  }

  /** The role's pool name, or {@code NAME-api} / {@code NAME-worker} when the URL sets {@code application_name}. */
  public static String applicationName(DbRole role, @Nullable String fromUrl) {
    if (fromUrl == null || fromUrl.isBlank()) {
      return role.poolName();
    }
    return fromUrl + "-" + role.name().toLowerCase(Locale.ROOT);
  }

  /** True when a pool starts with {@code prepareThreshold=0}: off, or auto in transaction mode until a probe. */
  public static boolean startsUnnamed(PoolMode mode, PreparedStatements statements) {
    return statements == PreparedStatements.OFF
        || (statements == PreparedStatements.AUTO && mode == PoolMode.TRANSACTION);
  }

  /** True when connections of this config may name server-side prepared statements. */
  public static boolean serverPreparedStatements(HikariConfig config) {
    Object threshold = config.getDataSourceProperties().get(PGProperty.PREPARE_THRESHOLD.getName());
    return threshold == null || !threshold.toString().strip().equals("0");
  }

  /** The {@code socketTimeout} in seconds connections of this config get; 0 means none. */
  public static int socketTimeoutSeconds(HikariConfig config) {
    Object value = config.getDataSourceProperties().get(PGProperty.SOCKET_TIMEOUT.getName());
    try {
      return value == null ? 0 : Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Every property a connection of {@code config} gets: its data source properties, user, password and the secret
   * properties of {@code url}, which stay out of the JDBC URL and out of HikariCP's configuration (whose DEBUG dump
   * masks {@code password} only).
   */
  public static java.util.Properties connectionProperties(HikariConfig config, ParsedUrl url) {
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(config.getDataSourceProperties());
    properties.putAll(url.secretProperties());
    if (config.getUsername() != null) {
      properties.setProperty(PGProperty.USER.getName(), config.getUsername());
    }
    if (config.getPassword() != null) {
      properties.setProperty(PGProperty.PASSWORD.getName(), config.getPassword());
    }
    return properties;
  }

  private static void setIfAbsent(HikariConfig config, Map<String, String> fromUrl, PGProperty property,
      String value) {
    if (!fromUrl.containsKey(property.getName())) {
      config.addDataSourceProperty(property.getName(), value);
    }
  }
}
