package io.weaver.dbrouting;

import static io.weaver.dbrouting.UnconnectedDataSources.SESSION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.build;
import static io.weaver.dbrouting.UnconnectedDataSources.pool;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Pool sizes: the defaults, and the environment's pool size and overflow; nothing here connects. */
class PoolSizingTests {

  @Test
  void sizesDefaultToSqlalchemyStyleValues() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(20);
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(60);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isEqualTo(5);
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(15);
    }
  }

  @Test
  void defaultsArePinned() {
    assertThat(Setting.POOL_SIZE.defaultValue(DbRole.API)).isEqualTo(20);
    assertThat(Setting.MAX_OVERFLOW.defaultValue(DbRole.API)).isEqualTo(40);
    assertThat(Setting.POOL_SIZE.defaultValue(DbRole.WORKER)).isEqualTo(5);
    assertThat(Setting.MAX_OVERFLOW.defaultValue(DbRole.WORKER)).isEqualTo(10);
  }

  @Test
  void sizesComeFromTheEnvironmentAndBlankMeansDefault() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL, "DATABASE_POOL_SIZE", " 3 ",
        "DATABASE_MAX_OVERFLOW", "2", "WORKER_DATABASE_POOL_SIZE", "0", "WORKER_DATABASE_MAX_OVERFLOW", "")) {
      assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(3);
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(5);
      assertThat(pool(ds, DbRole.API).getMinimumIdle()).isEqualTo(3);
      assertThat(pool(ds, DbRole.API).getMaximumPoolSize()).isEqualTo(5);
      assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isZero();
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(10);
    }
  }
}
