package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.RoleAwareDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

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
        .contains("can also be given as the property weaver.dbrouting.database-url");
  }

  @Test
  void malformedUrlIsExplainedWithoutThePassword() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.fromEnvironment(
        Map.of("DATABASE_URL", "postgresql://app:" + SECRET + "@db.example.com:99999/app")));

    assertThat(analysis.getDescription()).startsWith("DATABASE_URL: the port after the host is out of range")
        .doesNotContain(SECRET);
    assertThat(analysis.getAction()).startsWith("use the port your provider shows, e.g. 5432.");
  }

  @Test
  void everyBuilderNameInTheMessageBecomesItsProperty() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.builder()
        .databaseUrl("postgresql://app:" + SECRET + "@db.example.com:5432/app")
        .poolSize(io.weaver.dbrouting.DbRole.API, 0).maxOverflow(io.weaver.dbrouting.DbRole.API, 0).build());

    assertThat(analysis.getDescription()).startsWith("weaver.dbrouting.api.pool-size: weaver.dbrouting.api.pool-size=0 "
        + "and weaver.dbrouting.api.max-overflow=0 leave the pool no connection");
    assertThat(analysis.getAction()).isEqualTo("set weaver.dbrouting.api.pool-size or weaver.dbrouting.api.max-overflow "
        + "to 1 or more.");
  }

  @Test
  void builderSettingsAreNamedByTheirSpringProperty() {
    FailureAnalysis analysis = analyzeStartup(() -> RoleAwareDataSource.builder()
        .databaseUrl("postgresql://app:" + SECRET + "@db.example.com:6543/app")
        .customizeHikari(io.weaver.dbrouting.DbRole.API, c -> c.setSchema("app")).build());

    assertThat(analysis.getDescription()).startsWith("weaver.dbrouting.api.hikari: schema makes every connection")
        .doesNotContain(SECRET);
    assertThat(analysis.getAction()).contains("schema-qualify names");
  }
}
