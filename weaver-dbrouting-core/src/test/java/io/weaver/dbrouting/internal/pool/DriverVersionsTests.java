package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only pgjdbc 42.7.8 and later 42.7 releases are flagged; anything else, or anything unreadable, is not. */
class DriverVersionsTests {

  @ParameterizedTest
  @ValueSource(strings = {"42.7.8", "42.7.9", "42.7.100", "42.7.8-SNAPSHOT", "42.7.8.jre7"})
  void flagsEvery42_7ReleaseFrom8On(String version) {
    assertThat(DriverCompatibility.describeNamesStatements(version)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"41.7.8", "43.7.8", "42.6.8", "42.8.8", "42.7.0", "42.7", "42", "", "42.7.x", "x.7.8",
      "42.x.8", "42..8"})
  void leavesOtherOrUnreadableVersionsAlone(String version) {
    assertThat(DriverCompatibility.describeNamesStatements(version)).isFalse();
  }
}
