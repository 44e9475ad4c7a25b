package io.weaver.dbrouting;

import static io.weaver.dbrouting.UnconnectedDataSources.SESSION_URL;
import static io.weaver.dbrouting.UnconnectedDataSources.build;
import static io.weaver.dbrouting.UnconnectedDataSources.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The data source from build to close, and its {@link javax.sql.DataSource} surface; nothing here connects. */
class LifecycleTests {

  @Test
  void buildingOpensNoConnection() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", "postgresql://app:pw@127.0.0.1:1/app",
        "WORKER_DATABASE_URL", "postgresql://app:pw@no-such-host.invalid:6543/app")) {
      assertThat(pool(ds, DbRole.API).isRunning()).isFalse();
      assertThat(pool(ds, DbRole.WORKER).isRunning()).isFalse();
    }
  }

  @Test
  void loginTimeoutSetsBothPoolsConnectionTimeout() throws SQLException {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      ds.setLoginTimeout(5);
      assertThat(ds.getLoginTimeout()).isEqualTo(5);
      assertThat(pool(ds, DbRole.WORKER).getConnectionTimeout()).isEqualTo(5000);
    }
  }

  @Test
  void closeClosesBothPoolsAndLaterUseFailsClearly() throws SQLException {
    RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL);
    HikariDataSource api = pool(ds, DbRole.API);
    HikariDataSource worker = pool(ds, DbRole.WORKER);

    ds.close();
    ds.close();

    assertThat(ds.isClosed()).isTrue();
    assertThat(api.isClosed()).isTrue();
    assertThat(worker.isClosed()).isTrue();
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
        .hasMessageContaining("RoleAwareDataSource is closed");
    assertThatThrownBy(() -> ds.forRole(DbRole.WORKER)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RoleAwareDataSource is closed");
  }

  @Test
  void toStringAndPlansHoldNoPassword() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", "postgresql://app:Sup3rS3cret@h:5432/app?sslpassword=Sup3rS3cret")) {
      assertThat(ds.toString()).doesNotContain("Sup3rS3cret").contains("weaver-api - mode SESSION");
      assertThat(ds.plan(DbRole.API).toString()).doesNotContain("Sup3rS3cret");
    }
  }

  @Test
  void unwrapPointsAtForRole() {
    try (RoleAwareDataSource ds = build("DATABASE_URL", SESSION_URL)) {
      assertThatThrownBy(() -> ds.unwrap(HikariDataSource.class)).hasMessageContaining("forRole(DbRole.API)");
      assertThatThrownBy(() -> ds.getConnection("u", "p")).hasMessageContaining("getConnection() without arguments");
    }
  }
}
