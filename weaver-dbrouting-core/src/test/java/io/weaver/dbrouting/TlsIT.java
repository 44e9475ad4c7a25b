package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.weaver.dbrouting.devstack.TlsPostgres;
import io.weaver.dbrouting.stack.OwnPoolerStack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both roles against a PostgreSQL whose certificate a throw-away CA signed: verify-full works, a wrong CA fails. */
@SuppressWarnings("try") // scopes are entered for their effect
class TlsIT {
  private static TlsPostgres server;

  @BeforeAll
  static void start() {
    server = OwnPoolerStack.tlsPostgres();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String verifyFull(Path ca) {
    return server.url() + "?sslmode=verify-full&sslrootcert=" + URLEncoder.encode(ca.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void verifyFullWithTheServersCaWorksOnBothRoles() throws SQLException {
    String url = verifyFull(server.caCertificate());
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
        "DATABASE_URL", url, "WORKER_DATABASE_URL", url, "WORKER_DATABASE_POOL_MODE", "transaction"))) {
      assertThat(usesTls(ds.forRole(DbRole.API).getConnection())).isTrue();
      assertThat(usesTls(ds.forRole(DbRole.WORKER).getConnection())).isTrue();
    }
  }

  @Test
  void aWrongCaFailsTheRoleThatHasItNamingTheRoleAndTheFix() throws SQLException {
    try (LogCapture log = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.builder().environment(Map.of(
                "DATABASE_URL", verifyFull(server.caCertificate()),
                "WORKER_DATABASE_URL", verifyFull(server.otherCaCertificate()),
                "WORKER_DATABASE_POOL_MODE", "transaction"))
            .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(2_000)).build()) {
      assertThat(usesTls(ds.getConnection())).as("the API role, with the right CA").isTrue();
      try (RoleScope scope = RoleScope.enter(DbRole.WORKER)) {
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageContaining("weaver-worker")
            .hasMessageContaining("endpoint 127.0.0.1:" + server.port())
            .hasMessageContaining("SSL");
      }
      assertThat(log.messages(Level.WARN)).filteredOn(line -> line.startsWith("weaver-worker")).singleElement()
          .asString().contains("the TLS handshake with the endpoint failed").contains("sslrootcert=/path/to/ca.pem");
      assertThat(log.messages(Level.WARN)).noneMatch(line -> line.startsWith("weaver-api"));
    }
  }

  private static boolean usesTls(Connection connection) throws SQLException {
    try (Connection c = connection; Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
