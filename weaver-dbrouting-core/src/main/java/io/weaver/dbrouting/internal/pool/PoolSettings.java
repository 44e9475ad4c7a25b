package io.weaver.dbrouting.internal.pool;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.internal.url.JdbcUrlWriter;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGProperty;

/**
 * What each pool gets, and why:
 * <ul>
 *   <li>the connection string's own parameters as String data source properties (pgjdbc ignores any other type);
 *   <li>{@code ApplicationName} naming the role, sent in the startup packet;
 *   <li>{@code assumeMinServerVersion} so pgjdbc sends its settings in the startup packet and issues no
 *       {@code SET} after connecting (a pooler would otherwise carry them to other clients, or refuse them);
 *   <li>{@code tcpKeepAlive=true}, so dead pooler connections are noticed;
 *   <li>in transaction mode, {@code prepareThreshold=0}: pgjdbc never names a server-side statement.
 * </ul>
 */
public final class PoolSettings {
  /** Sent as {@code assumeMinServerVersion} unless the connection string says otherwise. */
  public static final String ASSUMED_SERVER_VERSION = "12";

  private PoolSettings() {}

  /** A HikariConfig for {@code role}; nothing connects until the pool is first used. */
  public static HikariConfig create(DbRole role, ParsedUrl url, PoolMode mode, int minimumIdle, int maximumPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(role.poolName());
    config.setJdbcUrl(JdbcUrlWriter.withSecrets(url));
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
    if (mode == PoolMode.TRANSACTION) {
      config.addDataSourceProperty(PGProperty.PREPARE_THRESHOLD.getName(), "0");
    }
    return config;
  }

  /** The role's pool name, or {@code NAME-api} / {@code NAME-worker} when the URL sets {@code application_name}. */
  public static String applicationName(DbRole role, String fromUrl) {
    if (fromUrl == null || fromUrl.isBlank()) {
      return role.poolName();
    }
    return fromUrl + "-" + role.name().toLowerCase(Locale.ROOT);
  }

  /** True when connections of this config may name server-side prepared statements. */
  public static boolean serverPreparedStatements(HikariConfig config) {
    Object threshold = config.getDataSourceProperties().get(PGProperty.PREPARE_THRESHOLD.getName());
    return threshold == null || !threshold.toString().strip().equals("0");
  }

  private static void setIfAbsent(HikariConfig config, Map<String, String> fromUrl, PGProperty property,
      String value) {
    if (!fromUrl.containsKey(property.getName())) {
      config.addDataSourceProperty(property.getName(), value);
    }
  }
}
