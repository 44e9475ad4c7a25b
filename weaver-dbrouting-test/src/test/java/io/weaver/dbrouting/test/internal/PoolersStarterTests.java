package io.weaver.dbrouting.test.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without PgBouncer and without a Docker engine, the error says how to get PgBouncer. */
class PoolersStarterTests {

  @AfterEach
  void restore() {
    System.clearProperty("weaver.pgbouncer");
  }

  @Test
  void withoutPgbouncerAndDockerTheErrorSaysHowToInstallPgbouncer() {
    System.setProperty("weaver.pgbouncer", "none"); // the devstack's switch: act as if there were no PgBouncer

    assertThatThrownBy(PoolersStarter::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("but this stack needs it: install it with apt-get install pgbouncer (Debian, Ubuntu) "
            + "or brew install pgbouncer (macOS)")
        .hasMessageContaining("Testcontainers is on the class path, but no Docker engine answers");
  }
}
