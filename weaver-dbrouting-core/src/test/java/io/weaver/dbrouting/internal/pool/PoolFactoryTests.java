package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.internal.connection.RecordingDriver;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which pools get the transaction-mode connection wrapper: exactly the transaction-mode ones. */
class PoolFactoryTests {
  @Test
  void onlyTransactionModePoolsWrapTheirConnections() throws SQLException {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder()
        .databaseUrl("postgresql://u:p@db:5432/app").workerDatabaseUrl("postgresql://u:p@db:6543/app")
        .poolMode(DbRole.WORKER, PoolMode.TRANSACTION)
        .customizeHikari(DbRole.API, c -> c.setDriverClassName(RecordingDriver.class.getName()))
        .customizeHikari(DbRole.WORKER, c -> c.setDriverClassName(RecordingDriver.class.getName())).build()) {
      assertThat(connectionClass(ds, DbRole.API)).doesNotContain("TransactionScoped");
      assertThat(connectionClass(ds, DbRole.WORKER)).endsWith("TransactionScopedConnection");
    }
  }

  private static String connectionClass(RoleAwareDataSource ds, DbRole role) throws SQLException {
    DataSource source = ds.forRole(role).unwrap(HikariDataSource.class).getDataSource();
    try (Connection connection = source.getConnection()) {
      return connection.getClass().getName();
    }
  }
}
