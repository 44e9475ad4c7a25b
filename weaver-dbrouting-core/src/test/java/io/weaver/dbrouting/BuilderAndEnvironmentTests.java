package io.weaver.dbrouting;

import static io.weaver.dbrouting.UnconnectedDataSources.SESSION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.TRANSACTION_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder's setters, and how they combine with an environment; nothing here connects. */
class BuilderAndEnvironmentTests {

  @Test
  void builderSetsEverySettingTheEnvironmentHas() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder()
        .databaseUrl(SESSION_URL).workerDatabaseUrl(SESSION_URL)
        .poolMode(DbRole.API, PoolMode.SESSION).poolMode(DbRole.WORKER, PoolMode.TRANSACTION)
        .poolSize(DbRole.API, 2).maxOverflow(DbRole.API, 1).poolSize(DbRole.WORKER, 4).maxOverflow(DbRole.WORKER, 0)
        .build()) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isFalse();
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).modeReason()).isEqualTo("poolMode(WORKER, PoolMode)=transaction");
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(3);
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(4);
    }
  }

  @Test
  void environmentAfterBuilderKeepsTheBuilderValuesItDoesNotHave() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder()
        .workerDatabaseUrl(TRANSACTION_URL).poolMode(DbRole.API, PoolMode.TRANSACTION).poolSize(DbRole.API, 2)
        .environment(Map.of("DATABASE_URL", SESSION_URL, "WORKER_DATABASE_POOL_SIZE", " "))
        .build()) {
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isFalse();
      assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("db.example.com:6543/app");
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.API).modeReason()).isEqualTo("poolMode(API, PoolMode)=transaction");
      assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(2);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isEqualTo(5);
    }
    assertThatThrownBy(() -> RoleAwareDataSource.builder().poolSize(DbRole.API, 0).maxOverflow(DbRole.API, 0)
        .environment(Map.of("DATABASE_URL", SESSION_URL)).build())
        .hasMessageStartingWith("poolSize(API, int): poolSize(API, int)=0 and maxOverflow(API, int)=0");
  }
}
