package io.weaver.dbrouting.internal.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KnownFailureTests {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("ERROR: prepared statement \"S_3\" does not exist", "26000", KnownFailure.NAMED_STATEMENT),
        Arguments.of("ERROR: prepared statement \"S_1\" already exists", "42P05", KnownFailure.NAMED_STATEMENT),
        Arguments.of("FATAL: MaxClientsInSessionMode: max clients reached - in Session mode max clients are limited "
            + "to pool_size", "XX000", KnownFailure.SESSION_CLIENT_LIMIT),
        Arguments.of("FATAL: (EMAXCONNSESSION) max clients reached in session mode - max clients are limited to "
            + "pool_size: 15", "XX000", KnownFailure.SESSION_CLIENT_LIMIT),
        Arguments.of("FATAL: no more connections allowed (max_client_conn)", "08P01",
            KnownFailure.PGBOUNCER_CLIENT_LIMIT),
        Arguments.of("FATAL: Max client connections reached", "XX000", KnownFailure.TRANSACTION_CLIENT_LIMIT),
        Arguments.of("FATAL: sorry, too many clients already", "53300", KnownFailure.SERVER_CONNECTION_LIMIT),
        Arguments.of("FATAL: Tenant or user not found", "XX000", KnownFailure.TENANT_NOT_FOUND),
        Arguments.of("FATAL: unsupported startup parameter: options", "08P01", KnownFailure.STARTUP_PARAMETER));
  }

  @ParameterizedTest(name = "{2}: {0}")
  @MethodSource("failures")
  void recognisesTheFailuresPeopleSearchFor(String message, String sqlState, KnownFailure expected) {
    assertThat(KnownFailure.of(new SQLException(message, sqlState)).failure()).isEqualTo(expected);
  }

  @Test
  void looksThroughHikariTimeoutsToTheirCause() {
    SQLException cause = new SQLException("FATAL: no more connections allowed (max_client_conn)", "08P01");
    SQLTransientConnectionException timeout =
        new SQLTransientConnectionException("weaver-api - Connection is not available", "08001", cause);

    KnownFailure.Match match = KnownFailure.of(timeout);

    assertThat(match.failure()).isEqualTo(KnownFailure.PGBOUNCER_CLIENT_LIMIT);
    assertThat(match.shownBy()).isSameAs(cause);
  }

  @Test
  void ignoresOrdinaryErrors() {
    assertThat(KnownFailure.of(new SQLException("ERROR: relation \"x\" does not exist", "42P01"))).isNull();
    assertThat(KnownFailure.of(new SQLException("ERROR: duplicate key value", "23505"))).isNull();
  }
}
