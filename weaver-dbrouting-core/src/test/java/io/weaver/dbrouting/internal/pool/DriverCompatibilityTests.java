package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriverCompatibilityTests {

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

  /** The pom copies Spring Boot 4.0's pgjdbc, not the one this module compiles against, beside the test classes. */
  @Test
  void readsTheVersionOfTheDriverThatIsLoadedNotTheOneCompiledAgainst() throws Exception {
    Path jar = testClasses().resolveSibling("other-pgjdbc").resolve("postgresql.jar");
    assertThat(jar).exists();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> driver = Class.forName("org.postgresql.Driver", false, loader);

      assertThat(DriverCompatibility.runtimeVersion(driver)).isEqualTo("42.7.11");
    }
  }

  @Test
  void aDriverWithoutVersionInformationIsUnknownAndNotFlagged() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {testClasses().toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> noVersion = Class.forName(NoVersion.class.getName(), false, loader);

      String version = DriverCompatibility.runtimeVersion(noVersion);
      assertThat(version).isEqualTo(DriverCompatibility.UNKNOWN_VERSION);
      assertThat(DriverCompatibility.describeNamesStatements(version)).isFalse();
    }
  }

  private static Path testClasses() throws URISyntaxException {
    return Path.of(DriverCompatibilityTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Stands in for a driver class whose loader has no DriverInfo and whose package has no manifest. */
  static final class NoVersion {}
}
