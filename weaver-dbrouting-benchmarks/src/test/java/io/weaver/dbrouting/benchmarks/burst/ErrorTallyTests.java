package io.weaver.dbrouting.benchmarks.burst;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ErrorTallyTests {

  @Test
  void countsBySqlStateAndNamesPoolTimeoutsWhateverTheirState() {
    ErrorTally tally = new ErrorTally();
    tally.record(new SQLException("prepared statement \"S_1\" does not exist", "26000"));
    tally.record(new SQLException("prepared statement \"S_2\" does not exist", "26000"));
    tally.record(new SQLTransientConnectionException(
        "worker - Connection is not available, request timed out after 30000ms", "08001"));
    tally.record(new SQLException("no state"));
    assertThat(tally.counts()).containsExactly(java.util.Map.entry("26000", 2L),
        java.util.Map.entry(ErrorTally.NO_STATE, 1L), java.util.Map.entry(ErrorTally.POOL_TIMEOUT, 1L));
    assertThat(tally.total()).isEqualTo(4);
  }

  @Test
  void encodedTallyDecodesToTheSameCountsAndDescribesItself() {
    ErrorTally tally = new ErrorTally();
    tally.add("42P05", 3);
    tally.add("26000", 12);
    ErrorTally decoded = ErrorTally.decode(tally.encode());
    assertThat(decoded.counts()).isEqualTo(tally.counts());
    assertThat(decoded.describe()).isEqualTo("26000 x12, 42P05 x3");
    assertThat(ErrorTally.decode("").describe()).isEqualTo("0");
  }
}
