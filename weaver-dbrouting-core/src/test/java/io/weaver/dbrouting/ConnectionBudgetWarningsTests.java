package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which client limit applies to an endpoint, and what the WARN over it says; building connects nowhere. */
@SuppressWarnings("try") // data sources are built for what they log
class ConnectionBudgetWarningsTests {
  private static final String SESSION_URL = "postgresql://app:pw@db.example.com:5432/app";
  private static final String TRANSACTION_URL = "postgresql://app:pw@db.example.com:6543/app";

  @Test
  void onASharedEndpointTheSmallerLimitApplies() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", SESSION_URL, "DATABASE_CLIENT_LIMIT", "100", "WORKER_DATABASE_CLIENT_LIMIT", "50"))) {
      assertThat(ds.plan(DbRole.API).clientLimit()).hasValue(50);
      assertThat(ds.plan(DbRole.WORKER).clientLimit()).hasValue(50);
      assertThat(log.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
          .startsWith("weaver-api - connection budget for db.example.com:5432/app: ")
          .contains(" of 50 (WORKER_DATABASE_CLIENT_LIMIT): under load clients beyond 50 are refused or wait")
          .contains("move bursty work to the transaction-mode endpoint"));
    }
  }

  @Test
  void withEqualLimitsTheFirstRolesSettingIsNamed() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", SESSION_URL, "DATABASE_CLIENT_LIMIT", "50", "WORKER_DATABASE_CLIENT_LIMIT", "50"))) {
      assertThat(log.messages(Level.WARN)).anySatisfy(m -> assertThat(m).contains(" of 50 (DATABASE_CLIENT_LIMIT)"));
    }
  }

  @Test
  void aWorkerOnlyEndpointOverItsLimitIsToldToRaiseTheLimit() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL, "WORKER_DATABASE_CLIENT_LIMIT", "10"))) {
      assertThat(ds.plan(DbRole.WORKER).clientLimit()).hasValue(10);
      assertThat(ds.plan(DbRole.API).clientLimit()).isEmpty();
      assertThat(log.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
          .startsWith("weaver-worker - connection budget for db.example.com:6543/app: ")
          .contains("raise the endpoint's client limit, or run fewer processes (WORKER_DATABASE_PROCESSES)")
          .doesNotContain("move bursty work"));
    }
  }

  @Test
  void exactlyAtTheLimitIsNoWarning() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL, "WORKER_DATABASE_CLIENT_LIMIT", "15"))) {
      assertThat(log.messages(Level.WARN)).noneSatisfy(m -> assertThat(m).contains("connection budget"));
      assertThat(log.messages(Level.INFO)).anySatisfy(m -> assertThat(m)
          .startsWith("weaver-worker - connection budget for db.example.com:6543/app: ")
          .endsWith(" of 15 (WORKER_DATABASE_CLIENT_LIMIT)"));
    }
  }

  @Test
  void aProcessCountOfOneIsAcceptedAndZeroIsNot() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", SESSION_URL,
        "DATABASE_PROCESSES", "1", "WORKER_DATABASE_CLIENT_LIMIT", "1"))) {
      assertThat(ds.plan(DbRole.API).processes()).isEqualTo(1);
      assertThat(ds.plan(DbRole.API).clientBudget()).isEqualTo(60);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RoleAwareDataSource.builder().processes(DbRole.API, 0))
        .hasMessageContaining("processes(API, int): 0 is less than 1");
  }
}
