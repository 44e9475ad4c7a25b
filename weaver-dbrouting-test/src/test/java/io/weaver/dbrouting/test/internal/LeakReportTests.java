package io.weaver.dbrouting.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.test.internal.Leftover.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakReportTests {

  @Test
  void cleanServerConnectionsGiveNoMessage() {
    assertThat(LeakReport.message(List.of(new LeakCheck.ServerConnection(1, List.of())), 4)).isNull();
  }

  @Test
  void listsOnlyTheLeakyServerConnectionsEachWithItsLeftovers() {
    String message = LeakReport.message(List.of(
        new LeakCheck.ServerConnection(11, List.of()),
        new LeakCheck.ServerConnection(12, List.of(new Leftover(Kind.SETTING, "statement_timeout", "5000"),
            new Leftover(Kind.LISTEN_CHANNEL, "jobs", "")))), 4);

    assertThat(message).isEqualTo("1 of 4 server connections of the transaction pooler were left with session "
        + "state after this test; the next client that gets one inherits it:\n"
        + "  server connection (backend pid 12):\n"
        + "    - setting statement_timeout = '5000' (set by SET statement_timeout or set_config('statement_timeout', "
        + "..., false), which outlive the transaction; use SET LOCAL statement_timeout inside the transaction)\n"
        + "    - LISTEN channel jobs (LISTEN needs one server connection for the session's life; run it on a "
        + "session-mode or direct connection)\n"
        + "weaver-dbrouting-test's leak check has cleaned these up. Turn it off for a test class with "
        + "@PoolerStackTest(leakCheck = false).");
  }

  @Test
  void aDriverNamedStatementPointsAtPrepareThreshold() {
    assertThat(new Leftover(Kind.PROTOCOL_PREPARED_STATEMENT, "S_1", "SELECT $1").describe())
        .startsWith("prepared statement \"S_1\": SELECT $1 (a driver's named protocol-level statement")
        .contains("prepareThreshold=0", "max_prepared_statements");
  }

  @Test
  void readOnlySessionCharacteristicsPointAtSetReadOnly() {
    assertThat(new Leftover(Kind.SETTING, "default_transaction_read_only", "on").describe())
        .contains("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "Connection#setReadOnly",
            "readOnlyMode=always");
  }

  @Test
  void longStatementsAreShortenedToOneLine() {
    String describe = new Leftover(Kind.SQL_PREPARED_STATEMENT, "p", "PREPARE p AS\n  SELECT " + "x, ".repeat(100))
        .describe();

    assertThat(describe).startsWith("prepared statement \"p\": PREPARE p AS SELECT x, x,").contains("... (SQL PREPARE")
        .doesNotContain("\n");
  }
}
