package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import io.weaver.dbrouting.internal.url.UrlParser;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PoolSettingsTests {
  private static final ParsedUrl URL =
      UrlParser.parse("postgresql://u:se%40cret@db.example.com:5432/app?sslmode=require&sslpassword=key%26pass", "X");

  @Test
  void connectionsGetTheCredentialsAndSecretPropertiesThatTheJdbcUrlLeavesOut() {
    HikariConfig config = PoolSettings.create(DbRole.WORKER, URL, PoolMode.TRANSACTION, 1, 2);
    Properties properties = PoolSettings.connectionProperties(config, URL);

    assertThat(config.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app");
    assertThat(properties).containsEntry("user", "u").containsEntry("password", "se@cret")
        .containsEntry("sslpassword", "key&pass").containsEntry("sslmode", "require")
        .containsEntry("prepareThreshold", "0");
  }

  @Test
  void eachRoleGetsItsSocketTimeoutUnlessTheUrlSetsOne() {
    assertThat(PoolSettings.socketTimeoutSeconds(PoolSettings.create(DbRole.API, URL, PoolMode.SESSION, 1, 2)))
        .isEqualTo(PoolSettings.API_SOCKET_TIMEOUT_SECONDS).isEqualTo(300);
    assertThat(PoolSettings.socketTimeoutSeconds(PoolSettings.create(DbRole.WORKER, URL, PoolMode.TRANSACTION, 1, 2)))
        .isEqualTo(PoolSettings.WORKER_SOCKET_TIMEOUT_SECONDS).isEqualTo(60);
    ParsedUrl own = UrlParser.parse("postgresql://u:p@db.example.com:6543/app?socketTimeout=0", "X");
    assertThat(PoolSettings.socketTimeoutSeconds(PoolSettings.create(DbRole.WORKER, own, PoolMode.TRANSACTION, 1, 2)))
        .isZero();
  }

  @Test
  void poolsStartWithoutConnectingSoThatFirstCallersWaitTogether() {
    assertThat(PoolSettings.create(DbRole.API, URL, PoolMode.SESSION, 1, 2).getInitializationFailTimeout())
        .isEqualTo(-1);
  }
}
