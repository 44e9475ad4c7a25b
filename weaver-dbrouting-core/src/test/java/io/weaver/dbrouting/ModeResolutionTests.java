package io.weaver.dbrouting;

import static io.weaver.dbrouting.UnconnectedDataSources.SESSION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.TRANSACTION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.build;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How each role's pool mode is decided, and when the worker falls back to {@code DATABASE_URL}; nothing here connects. */
class ModeResolutionTests {

  @Test
  void workerFallsBackToDatabaseUrlWhenWorkerUrlIsUnset() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
      assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("db.example.com:5432/app");
      assertThat(ds.plan(DbRole.API).fellBack()).isFalse();
    }
  }

  @Test
  void workerFallsBackToDatabaseUrlWhenWorkerUrlIsBlank() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", "  ")) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
    }
  }

  @Test
  void fallbackWorkerTakesTheApiMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", TRANSACTION_URL)) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).startsWith("falls back to the API endpoint");
    }
  }

  @Test
  void fallbackWorkerTakesItsOwnExplicitMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_POOL_MODE", "transaction")) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).isEqualTo("WORKER_DATABASE_POOL_MODE=transaction");
    }
  }

  @Test
  void port6543MeansTransactionModeAndOtherPortsSessionMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_URL", TRANSACTION_URL)) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.API).modeReason()).startsWith("port 5432 is not the transaction-mode port 6543");
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).contains("port 6543");
    }
  }

  @Test
  void pgbouncerHintMeansTransactionMode() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL,
        "WORKER_DATABASE_URL", "postgresql://app:pw@bouncer:6432/app?pgbouncer=true")) {
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).isEqualTo("pgbouncer=true in WORKER_DATABASE_URL");
    }
  }

  @Test
  void explicitModeWinsOverPortAndHint() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", TRANSACTION_URL + "?pgbouncer=true",
        "DATABASE_POOL_MODE", " Session ")) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.API).modeReason()).isEqualTo("DATABASE_POOL_MODE=session");
    }
  }

  @Test
  void autoModeIsTheSameAsUnset() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", TRANSACTION_URL, "DATABASE_POOL_MODE", "AUTO")) {
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
    }
  }
}
