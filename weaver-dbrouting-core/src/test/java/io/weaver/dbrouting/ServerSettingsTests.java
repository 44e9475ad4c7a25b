package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSettingsTests {
  private static final String SESSION_URL = "postgresql://app:pw@db.example.com:5432/app";
  private static final String TRANSACTION_URL = "postgresql://app:pw@db.example.com:6543/app";

  @Test
  void sessionPoolsApplyThemWhenAConnectionOpens() throws SQLException {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION_URL,
        "DATABASE_SERVER_SETTINGS", " jit=off, statement_timeout = 30s ,app.tenant=acme"))) {
      assertThat(ds.forRole(DbRole.API).unwrap(HikariDataSource.class).getConnectionInitSql())
          .isEqualTo("SET jit TO 'off'; SET statement_timeout TO '30s'; SET app.tenant TO 'acme'");
      assertThat(ds.forRole(DbRole.WORKER).unwrap(HikariDataSource.class).getConnectionInitSql()).isNull();
    }
  }

  @Test
  void transactionPoolsRefuseThemWithTheAlternatives() {
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION_URL,
        "WORKER_DATABASE_URL", TRANSACTION_URL, "WORKER_DATABASE_SERVER_SETTINGS", "jit=off")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("WORKER_DATABASE_SERVER_SETTINGS: server settings (jit) cannot be applied on a "
            + "transaction-mode pool")
        .hasMessageContaining("ALTER ROLE <user> SET jit = 'off'")
        .hasMessageContaining("SET LOCAL jit = 'off' inside each transaction");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jit=off'; DROP TABLE documents; --", "jit=off;", "jit=", "jit='off'", "jit=o\u0000ff"})
  void valuesThatCouldChangeTheSqlAreRefused(String settings) {
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(
        Map.of("DATABASE_URL", SESSION_URL, "DATABASE_SERVER_SETTINGS", settings)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("DATABASE_SERVER_SETTINGS: the value of \"jit\" holds a character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"j it=off", "jit;x=off", "1jit=off", "a.b.c=off", "\"jit\"=off"})
  void namesThatAreNotSettingNamesAreRefused(String settings) {
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(
        Map.of("DATABASE_URL", SESSION_URL, "DATABASE_SERVER_SETTINGS", settings)))
        .hasMessageContaining("is not a PostgreSQL setting name");
  }

  @Test
  void builderChecksEachSettingWhenSet() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().serverSetting(DbRole.API, "jit", "off; RESET ALL"))
        .hasMessageStartingWith("serverSetting(API, String, String): the value of \"jit\"");
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(
        Map.of("DATABASE_URL", SESSION_URL, "DATABASE_SERVER_SETTINGS", "jit=off,jit=on")))
        .hasMessageContaining("\"jit\" is given twice");
    assertThatThrownBy(() -> RoleAwareDataSource.fromEnvironment(
        Map.of("DATABASE_URL", SESSION_URL, "DATABASE_SERVER_SETTINGS", "jit")))
        .hasMessageContaining("the entry \"jit\" has no '='");
  }
}
