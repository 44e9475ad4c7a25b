package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code environment(lookup, nameOf)}: settings a framework read are named in errors and logs as it names them. */
@SuppressWarnings("try") // a data source is built for the lines it logs
class EnvironmentNamedByFrameworkTests {
  private static final String URL = "postgresql://app:Sup3rS3cret@db.example.com:5432/app";

  @Test
  void invalidValueIsReportedUnderTheGivenName() {
    Map<String, String> values = Map.of("DATABASE_URL", URL, "DATABASE_POOL_SIZE", "many");

    assertThatThrownBy(() -> RoleAwareDataSource.builder().environment(values::get, EnvironmentNamedByFrameworkTests::property))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("app.database_pool_size: \"many\" is not a whole number")
        .extracting(e -> ((InvalidSettingException) e).setting()).isEqualTo("app.database_pool_size");
  }

  @Test
  void missingUrlIsReportedUnderTheGivenName() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().environment(name -> null, EnvironmentNamedByFrameworkTests::property).build())
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("app.database_url: is not set");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void blankOrMissingNameFallsBackToTheVariableName(String name) {
    Map<String, String> values = Map.of("DATABASE_URL", URL, "WORKER_DATABASE_CLIENT_LIMIT", "0");

    assertThatThrownBy(() -> RoleAwareDataSource.builder().environment(values::get, variable -> name))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("WORKER_DATABASE_CLIENT_LIMIT: 0 is less than 1");
  }

  @Test
  void budgetLineNamesEachSettingAsGiven() {
    Map<String, String> values = Map.of("DATABASE_URL", URL, "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "20",
        "DATABASE_CLIENT_LIMIT", "10", "WORKER_DATABASE_URL", "postgresql://app:pw@db.example.com:6543/app");
    List<String> warnings;
    try (LogCapture logs = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.builder().environment(values::get, EnvironmentNamedByFrameworkTests::property).build()) {
      warnings = logs.messages(Level.WARN).stream().filter(m -> m.contains("connection budget")).toList();
    }

    assertThat(warnings).singleElement().asString().contains("= 22 of 10 (app.database_client_limit)")
        .contains("Fix: lower app.database_pool_size / app.database_max_overflow so that the total fits")
        .contains("run fewer processes (app.database_processes)");
  }

  @Test
  void builderCallAfterTheEnvironmentIsNamedByItsMethod() {
    Map<String, String> values = Map.of("DATABASE_URL", URL, "DATABASE_MAX_OVERFLOW", "0");

    assertThatThrownBy(() -> RoleAwareDataSource.builder().environment(values::get, EnvironmentNamedByFrameworkTests::property)
        .poolSize(DbRole.API, 0).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("poolSize(API, int): poolSize(API, int)=0 and app.database_max_overflow=0 leave the "
            + "pool no connection");
  }

  /** How the framework in these tests names a variable: {@code app.} and the name in lower case. */
  private static String property(String variable) {
    return "app." + variable.toLowerCase(Locale.ROOT);
  }
}
