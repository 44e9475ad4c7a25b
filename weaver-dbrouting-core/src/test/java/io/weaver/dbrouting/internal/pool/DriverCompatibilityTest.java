package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriverCompatibilityTest {

  @ParameterizedTest
  @ValueSource(strings = {"42.7.8", "42.7.11", "42.7.14", "42.7.15-SNAPSHOT"})
  void pgjdbcFrom42_7_8NamesStatementsWhenDescribing(String version) {
    assertThat(DriverCompatibility.describeNamesStatements(version)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"42.7.5", "42.7.7", "42.6.2", "43.0.0", "unknown"})
  void otherVersionsAreNotFlagged(String version) {
    assertThat(DriverCompatibility.describeNamesStatements(version)).isFalse();
  }

  @Test
  void theBuildUsesTheNewestSafeVersion() {
    assertThat(DriverCompatibility.runtimeVersion()).isEqualTo(DriverCompatibility.NEWEST_SAFE_VERSION);
  }
}
