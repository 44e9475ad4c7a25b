package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** What a pool that cannot connect tells its caller and its log; the endpoint is a closed port, nothing connects. */
class FailureExplanationsTests {

  private static RoleAwareDataSource closedPorts() {
    return RoleAwareDataSource.builder()
        .databaseUrl("postgresql://app:Sup3rS3cret@127.0.0.1:1/app")
        .workerDatabaseUrl("postgresql://app:Sup3rS3cret@127.0.0.1:2/jobs")
        .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(500))
        .customizeHikari(DbRole.WORKER, c -> c.setConnectionTimeout(500))
        .build();
  }

  @Test
  void theCallerLearnsModeEndpointAndTheLastConnectionFailure() {
    try (RoleAwareDataSource ds = closedPorts()) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageStartingWith("mode SESSION, endpoint 127.0.0.1:1/app: weaver-api - Connection is not available")
          .hasMessageContaining("; last connection failure: ")
          .satisfies(e -> assertThat(((SQLTransientConnectionException) e).getSQLState()).isEqualTo("08001"))
          .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SQLTransientConnectionException.class)
              .hasMessageStartingWith("weaver-api - Connection is not available"))
          .message().doesNotContain("Sup3rS3cret");
    }
  }

  @Test
  void theLogSaysOnceWhatFailedAndHowToFixIt() {
    try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = closedPorts()) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      assertThatThrownBy(() -> RoleScope.call(DbRole.WORKER, ds::getConnection))
          .isInstanceOf(SQLTransientConnectionException.class);

      assertThat(log.messages(Level.WARN)).filteredOn(m -> m.startsWith("weaver-api - nothing answers at the endpoint"))
          .hasSize(1).first().asString()
          .contains("nothing answers at the endpoint (Connection refused); mode SESSION (port 1 is not the "
              + "transaction-mode port 6543; set poolMode(API, PoolMode)=transaction")
          .contains("endpoint 127.0.0.1:1/app, minimumIdle 20, maximumPoolSize 60. Fix: check the host and port in "
              + "databaseUrl(String)");
      assertThat(log.messages(Level.WARN))
          .filteredOn(m -> m.startsWith("weaver-worker - nothing answers at the endpoint")).hasSize(1).first()
          .asString().contains("endpoint 127.0.0.1:2/jobs").contains("check the host and port in workerDatabaseUrl(String)");
      assertThat(String.join("\n", log.messages(Level.WARN))).doesNotContain("Sup3rS3cret");
    }
  }

  /** An endpoint that accepts TCP and hangs up: no known failure, so the log says the pool cannot connect. */
  @Test
  void anUnrecognisedConnectionFailureIsLoggedOnceAsThePoolCannotConnect() throws Exception {
    try (HangingUpEndpoint endpoint = new HangingUpEndpoint()) {
      try (LogCapture log = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.builder()
          .databaseUrl("postgresql://app:Sup3rS3cret@127.0.0.1:" + endpoint.port() + "/app")
          .customizeHikari(DbRole.API, c -> c.setConnectionTimeout(500)).build()) {
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageContaining("; last connection failure: SQLSTATE 08");
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class);

        assertThat(log.messages(Level.WARN)).filteredOn(m -> m.startsWith("weaver-api - the pool cannot open "
            + "connections (SQLSTATE 08")).hasSize(1).first().asString()
            .contains("; mode SESSION, endpoint 127.0.0.1:" + endpoint.port() + "/app. Fix: check the endpoint, "
                + "the user and the password (java -jar weaver-dbrouting-core.jar doctor reports each step)");
        assertThat(String.join("\n", log.messages(Level.WARN))).doesNotContain("Sup3rS3cret");
      }
    }
  }
}
