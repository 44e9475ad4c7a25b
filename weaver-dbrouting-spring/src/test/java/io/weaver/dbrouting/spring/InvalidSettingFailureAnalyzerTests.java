package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

class InvalidSettingFailureAnalyzerTests {
  private static final String SECRET = "Sup3rS3cret";

  static FailureAnalysis analyze(Throwable failure) {
    return new InvalidSettingFailureAnalyzer().analyze(failure);
  }

  private static FailureAnalysis analyzeStartup(Runnable start) {
    try {
      start.run();
    } catch (RuntimeException e) {
      return analyze(new BeanCreationException("roleAwareDataSource", "Failed to instantiate", e));
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void missingDatabaseUrlIsExplainedWithTheVariableAndTheProperty() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.fromEnvironment(Map.of()));

    assertThat(analysis.getDescription()).startsWith("DATABASE_URL: is not set");
    assertThat(analysis.getAction()).contains("set it to your session-mode pooler")
        .endsWith("(The environment variable DATABASE_URL can also be given as the property "
            + "weaver.dbrouting.api.url.)");
  }

  @Test
  void malformedUrlIsExplainedWithoutThePassword() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.fromEnvironment(
        Map.of("DATABASE_URL", "postgresql://app:" + SECRET + "@db.example.com:99999/app")));

    assertThat(analysis.getDescription()).startsWith("DATABASE_URL: the port after the host is out of range")
        .endsWith(".").doesNotContain(SECRET).doesNotContain("Fix:");
    assertThat(analysis.getAction()).startsWith("use the port your provider shows, e.g. 5432. (The environment "
        + "variable DATABASE_URL can also be given as the property weaver.dbrouting.api.url.)");
  }

  @Test
  void builderCallsKeepTheirBuilderNames() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.builder()
        .databaseUrl("postgresql://app:" + SECRET + "@db.example.com:5432/app")
        .poolSize(DbRole.API, 0).maxOverflow(DbRole.API, 0).build());

    assertThat(analysis.getDescription()).startsWith("poolSize(API, int): poolSize(API, int)=0 and "
        + "maxOverflow(API, int)=0 leave the pool no connection");
    assertThat(analysis.getAction()).isEqualTo("set poolSize(API, int) or maxOverflow(API, int) to 1 or more.");
  }

  @Test
  void settingsReadFromPropertiesAreExplainedByTheirPropertyNames() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.builder()
        .environment(Map.of("DATABASE_URL", "postgresql://app:" + SECRET + "@db.example.com:5432/app",
            "DATABASE_CLIENT_LIMIT", "0")::get, variable -> variable.equals("DATABASE_CLIENT_LIMIT")
                ? Setting.CLIENT_LIMIT.property(DbRole.API) : variable).build());

    assertThat(analysis.getDescription()).startsWith("weaver.dbrouting.api.client-limit: 0 is less than 1");
    assertThat(analysis.getAction()).isEqualTo("use 1 or more, or leave it unset.");
  }

  @Test
  void deprecatedKeysAreExplainedWithTheirReplacement() {
    FailureAnalysis analysis = analyze(new InvalidSettingException("weaver.dbrouting.worker-database-url",
        "the port after the host is not a number", "a port is a number from 1 to 65535", "write the port as digits"));

    assertThat(analysis.getDescription()).isEqualTo("weaver.dbrouting.worker-database-url: the port after the host "
        + "is not a number; a port is a number from 1 to 65535.");
    assertThat(analysis.getAction()).isEqualTo("write the port as digits. (weaver.dbrouting.worker-database-url is "
        + "deprecated: use weaver.dbrouting.worker.url, which wins when both are set.)");
  }

  @Test
  void isLoadedByBootAmongItsFailureAnalyzers() {
    // as Boot's FailureAnalyzers loads them (other analyzers that want more than this are skipped)
    ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
        .and(Environment.class, new StandardEnvironment());
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
        .load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, failure) -> { })))
        .hasAtLeastOneElementOfType(InvalidSettingFailureAnalyzer.class);
  }

  @Test
  void builderSettingsAreNamedByTheirSpringProperty() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.builder()
        .databaseUrl("postgresql://app:" + SECRET + "@db.example.com:6543/app")
        .customizeHikari(DbRole.API, c -> c.setSchema("app")).build());

    assertThat(analysis.getDescription()).startsWith("weaver.dbrouting.api.hikari: schema makes every connection")
        .doesNotContain(SECRET).doesNotContain("customizeHikari(API)");
    assertThat(analysis.getAction()).contains("schema-qualify names")
        .contains("HikariCP settings come from weaver.dbrouting.api.hikari.*, or from customizeHikari(API) in a "
            + "RoleAwareDataSourceCustomizer.");
  }
}
