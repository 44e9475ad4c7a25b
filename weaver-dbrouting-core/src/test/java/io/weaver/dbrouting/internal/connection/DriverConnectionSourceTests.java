package io.weaver.dbrouting.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a pool's connection source hands its driver, and what it makes of the answer. */
class DriverConnectionSourceTests {
  private final List<SQLException> failures = new ArrayList<>();

  @BeforeEach
  void forgetConnections() {
    RecordingDriver.OPENED.clear();
  }

  private DriverConnectionSource source(String url, boolean transactionMode) {
    Properties properties = new Properties();
    properties.setProperty("user", "app");
    properties.setProperty("password", "Sup3rS3cret");
    properties.setProperty("sslpassword", "K3yS3cret");
    return new DriverConnectionSource("weaver-worker", "mode TRANSACTION, endpoint h:6543/db", url, properties,
        RecordingDriver.class.getName(), transactionMode, failures::add, new StatementNaming(true, null));
  }

  @Test
  void credentialsAndSecretsTravelAsPropertiesAndTheLoginTimeoutFollowsHikari() throws SQLException {
    DriverConnectionSource source = source("jdbc:postgresql://h:6543/db", false);
    source.setLoginTimeout(7);
    try (Connection connection = source.getConnection()) {
      assertThat(connection).isSameAs(RecordingDriver.OPENED.get(0).connection);
    }
    RecordingDriver.Recording opened = RecordingDriver.OPENED.get(0);
    assertThat(opened.url).isEqualTo("jdbc:postgresql://h:6543/db");
    assertThat(opened.properties).containsEntry("user", "app").containsEntry("password", "Sup3rS3cret")
        .containsEntry("sslpassword", "K3yS3cret").containsEntry("loginTimeout", "7");
    assertThat(source.getLoginTimeout()).isEqualTo(7);
  }

  @Test
  void hikarisCredentialsWinAndALoginTimeoutInTheUrlStays() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("loginTimeout", "3");
    DriverConnectionSource source = new DriverConnectionSource("weaver-api", "mode SESSION, endpoint h:5432/db",
        "jdbc:postgresql://h:5432/db", properties, RecordingDriver.class.getName(), false, failures::add,
        new StatementNaming(true, null));
    source.setLoginTimeout(30);
    source.getConnection("other", "Pw").close();
    source.getConnection(null, null).close();
    source.getConnection().close();

    assertThat(RecordingDriver.OPENED.get(0).properties).containsEntry("user", "other").containsEntry("password", "Pw")
        .containsEntry("loginTimeout", "3");
    assertThat(RecordingDriver.OPENED.get(1).properties).doesNotContainKeys("user", "password");
    assertThat(RecordingDriver.OPENED.get(2).properties).containsEntry("loginTimeout", "3");
  }

  @Test
  void withoutALoginTimeoutNoneIsSent() throws SQLException {
    source("jdbc:postgresql://h:6543/db", false).getConnection().close();
    assertThat(RecordingDriver.OPENED.get(0).properties).doesNotContainKey("loginTimeout");
  }

  @Test
  void transactionModeConnectionsComeWrapped() throws SQLException {
    try (Connection connection = source("jdbc:postgresql://h:6543/db", true).getConnection()) {
      assertThat(connection).isInstanceOf(TransactionScopedConnection.class);
      assertThat(connection.unwrap(org.postgresql.core.BaseConnection.class))
          .isSameAs(RecordingDriver.OPENED.get(0).connection);
    }
  }

  @Test
  void aFailedAttemptIsReportedAndRethrownNamingThePoolModeAndEndpoint() {
    DriverConnectionSource source = source("jdbc:postgresql://refuse:6543/db", false);

    assertThatThrownBy(source::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("weaver-worker (mode TRANSACTION, endpoint h:6543/db) cannot connect: Connection to")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"))
        .satisfies(e -> assertThat(e.getCause()).isSameAs(failures.get(0)))
        .message().doesNotContain("Sup3rS3cret");
    assertThat(failures).hasSize(1);
  }

  @Test
  void itNamesNoSecretAndIsOnlyItself() throws SQLException {
    DriverConnectionSource source = source("jdbc:postgresql://h:6543/db", false);
    assertThat(source.toString()).isEqualTo("weaver-worker connections (mode TRANSACTION, endpoint h:6543/db)")
        .doesNotContain("Sup3rS3cret").doesNotContain("K3yS3cret");
    assertThat(source.unwrap(DriverConnectionSource.class)).isSameAs(source);
    assertThat(source.isWrapperFor(DriverConnectionSource.class)).isTrue();
    assertThat(source.isWrapperFor(String.class)).isFalse();
    assertThatThrownBy(() -> source.unwrap(String.class)).isInstanceOf(SQLException.class);
    assertThat(source.getLogWriter()).isNull();
    java.io.PrintWriter writer = new java.io.PrintWriter(new java.io.StringWriter());
    source.setLogWriter(writer);
    assertThat(source.getLogWriter()).isSameAs(writer);
    assertThat(source.getParentLogger().getName()).isEqualTo("org.postgresql");
  }

  @Test
  void aDriverClassThatIsNoDriverIsRefused() {
    assertThatThrownBy(() -> new DriverConnectionSource("weaver-api", "", "jdbc:x", new Properties(),
        String.class.getName(), false, e -> { }, new StatementNaming(true, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JDBC driver");
  }
}
