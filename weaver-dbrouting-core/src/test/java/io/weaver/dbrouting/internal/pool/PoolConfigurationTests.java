package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import io.weaver.dbrouting.internal.url.UrlParser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What one role's HikariConfig carries, as {@link PoolSettings} builds it. */
class PoolConfigurationTests {
  private static ParsedUrl url(String url) {
    return UrlParser.parse(url, "DATABASE_URL");
  }

  @Test
  void thePoolGetsTheDecodedUserAndPasswordOfItsUrl() {
    HikariConfig config = PoolSettings.create(DbRole.API, url("postgresql://app%40x:p%40ss%2Fw@h/db"),
        PoolMode.SESSION, 1, 2);

    assertThat(config.getUsername()).isEqualTo("app@x");
    assertThat(config.getPassword()).isEqualTo("p@ss/w");
  }

  @Test
  void aUrlWithoutPasswordLeavesThePoolWithoutOne() {
    HikariConfig config = PoolSettings.create(DbRole.API, url("postgresql://app@h/db"), PoolMode.SESSION, 1, 2);
    Properties properties = PoolSettings.connectionProperties(config, url("postgresql://app@h/db"));

    assertThat(config.getPassword()).isNull();
    assertThat(properties).containsEntry("user", "app").doesNotContainKey("password");
  }

  @Test
  void aUrlWithoutUserLeavesConnectionPropertiesWithoutOne() {
    ParsedUrl noUser = url("postgresql://h/db");
    HikariConfig config = PoolSettings.create(DbRole.API, noUser, PoolMode.SESSION, 1, 2);

    assertThat(config.getUsername()).isNull();
    assertThat(PoolSettings.connectionProperties(config, noUser)).doesNotContainKeys("user", "password");
  }

  @Test
  void theRoleNamesThePoolAndSizesAreTakenAsGiven() {
    HikariConfig config = PoolSettings.create(DbRole.WORKER, url("postgresql://u@h/db"), PoolMode.SESSION, 3, 7);

    assertThat(config.getPoolName()).isEqualTo("weaver-worker");
    assertThat(config.getMinimumIdle()).isEqualTo(3);
    assertThat(config.getMaximumPoolSize()).isEqualTo(7);
    assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
  }

  @Test
  void aSessionPoolLeavesPrepareThresholdToTheDriverUnlessTheUrlSetsIt() {
    HikariConfig session = PoolSettings.create(DbRole.API, url("postgresql://u@h/db"), PoolMode.SESSION, 1, 2);
    HikariConfig own = PoolSettings.create(DbRole.API, url("postgresql://u@h/db?prepareThreshold=3"),
        PoolMode.SESSION, 1, 2);

    assertThat(session.getDataSourceProperties()).doesNotContainKey("prepareThreshold");
    assertThat(PoolSettings.serverPreparedStatements(session)).isTrue();
    assertThat(own.getDataSourceProperties()).containsEntry("prepareThreshold", "3");
    assertThat(PoolSettings.serverPreparedStatements(own)).isTrue();
  }

  @Test
  void aThresholdOfZeroWithSpacesStillMeansNoNamedStatements() {
    HikariConfig config = new HikariConfig();
    config.addDataSourceProperty("prepareThreshold", " 0 ");
    assertThat(PoolSettings.serverPreparedStatements(config)).isFalse();
    config.addDataSourceProperty("prepareThreshold", "00");
    assertThat(PoolSettings.serverPreparedStatements(config)).isTrue();
  }

  @Test
  void theUrlsOwnKeepaliveServerVersionAndSocketTimeoutWin() {
    // the parser refuses assumeMinServerVersion in a connection string; PoolSettings still leaves a given one alone
    ParsedUrl parsed = url("postgresql://u@h/db?keepalives=0&socketTimeout=7");
    Map<String, String> properties = new LinkedHashMap<>(parsed.properties());
    properties.put("assumeMinServerVersion", "15");
    ParsedUrl withVersion = new ParsedUrl(parsed.scheme(), parsed.user(), parsed.password(), parsed.hosts(),
        parsed.database(), properties, parsed.secretProperties(), parsed.origins(), parsed.pgbouncerHint());
    HikariConfig config = PoolSettings.create(DbRole.WORKER, withVersion, PoolMode.SESSION, 1, 2);

    assertThat(config.getDataSourceProperties())
        .containsEntry("tcpKeepAlive", "false")
        .containsEntry("assumeMinServerVersion", "15")
        .containsEntry("socketTimeout", "7");
    assertThat(PoolSettings.socketTimeoutSeconds(config)).isEqualTo(7);
  }

  @Test
  void withoutThemThePoolSetsKeepaliveServerVersionAndTheRolesSocketTimeout() {
    HikariConfig config = PoolSettings.create(DbRole.API, url("postgresql://u@h/db"), PoolMode.SESSION, 1, 2);

    assertThat(config.getDataSourceProperties())
        .containsEntry("tcpKeepAlive", "true")
        .containsEntry("assumeMinServerVersion", PoolSettings.ASSUMED_SERVER_VERSION)
        .containsEntry("socketTimeout", "300")
        .containsEntry("ApplicationName", "weaver-api");
    assertThat(PoolSettings.ASSUMED_SERVER_VERSION).isEqualTo("12");
  }

  @Test
  void aSocketTimeoutThatIsNoNumberOrAbsentCountsAsNone() {
    HikariConfig config = new HikariConfig();
    assertThat(PoolSettings.socketTimeoutSeconds(config)).isZero();
    config.addDataSourceProperty("socketTimeout", "soon");
    assertThat(PoolSettings.socketTimeoutSeconds(config)).isZero();
    config.addDataSourceProperty("socketTimeout", " 45 ");
    assertThat(PoolSettings.socketTimeoutSeconds(config)).isEqualTo(45);
  }

  @Test
  void applicationNameAppendsTheRoleToAGivenNameAndIgnoresABlankOne() {
    assertThat(PoolSettings.applicationName(DbRole.API, null)).isEqualTo("weaver-api");
    assertThat(PoolSettings.applicationName(DbRole.WORKER, "  ")).isEqualTo("weaver-worker");
    assertThat(PoolSettings.applicationName(DbRole.WORKER, "billing")).isEqualTo("billing-worker");
    assertThat(PoolSettings.applicationName(DbRole.API, "billing")).isEqualTo("billing-api");
  }
}
