package io.weaver.dbrouting.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stack runs the PgBouncer version asked for, with the {@code max_prepared_statements} asked for: CI's passes on
 * PgBouncer 1.18 and 1.24 depend on it. Each stack here is started and closed by its own test.
 */
class PgbouncerVersionsIT {

  @Test
  void runsPgbouncer124WithPreparedStatementTrackingOn() {
    try (PoolerStack stack = OwnPoolerStack.start(
        PoolerStack.Options.forTests().withPgbouncerVersion("1.24").withMaxPreparedStatements(200))) {
      assertThat(stack.pgbouncerVersion()).startsWith("1.24.");
      assertThat(stack.keepsPreparedStatements()).isTrue();
      assertThat(stack.description()).contains("PgBouncer 1.24.").contains("max_prepared_statements 200");
      assertThat(config(stack, Endpoint.TRANSACTION, "max_prepared_statements")).isEqualTo("200");
    }
  }

  @Test
  void runsPgbouncer124WithPreparedStatementTrackingOff() {
    try (PoolerStack stack = OwnPoolerStack.start(
        PoolerStack.Options.forTests().withPgbouncerVersion("1.24").withMaxPreparedStatements(0))) {
      assertThat(stack.keepsPreparedStatements()).isFalse();
      assertThat(config(stack, Endpoint.TRANSACTION, "max_prepared_statements")).isEqualTo("0");
      assertThat(config(stack, Endpoint.SESSION, "max_prepared_statements")).isEqualTo("0");
    }
  }

  @Test
  void runsPgbouncer118WhichHasNoPreparedStatementTracking() {
    try (PoolerStack stack = OwnPoolerStack.start(PoolerStack.Options.forTests().withPgbouncerVersion("1.18"))) {
      assertThat(stack.pgbouncerVersion()).startsWith("1.18.");
      assertThat(stack.keepsPreparedStatements()).isFalse();
      assertThat(stack.maxPreparedStatements()).isZero();
    }
  }

  @Test
  void askingForAVersionTakesThatVersionsOwnPreparedStatementTracking() {
    PoolerStack.Options run = PoolerStack.Options.forTests().withMaxPreparedStatements(200);
    assertThat(run.withPgbouncerVersion("1.18").maxPreparedStatements()).isEqualTo(-1);
    assertThat(run.withPgbouncerVersion("1.24").withMaxPreparedStatements(0).maxPreparedStatements()).isZero();
  }

  @Test
  void aVersionThatIsNotInstalledIsRefusedNamingWhatWasFound() {
    assertThatThrownBy(() -> PoolerStack.start(PoolerStack.Options.forTests().withPgbouncerVersion("0.9")))
        .hasMessageContaining("PgBouncer 0.9 not found")
        .hasMessageContaining("found: ")
        .hasMessageContaining(".ci/build-pgbouncer");
  }

  @Test
  void trackingAskedOfAPgbouncerThatHasNoneIsRefused() {
    assertThatThrownBy(() -> PoolerStack.start(
        PoolerStack.Options.forTests().withPgbouncerVersion("1.18").withMaxPreparedStatements(100)))
        .hasMessageContaining("has no max_prepared_statements");
  }

  private static String config(PoolerStack stack, Endpoint endpoint, String key) {
    List<Map<String, String>> rows = stack.adminQuery(endpoint, "SHOW CONFIG");
    return rows.stream().filter(row -> key.equals(row.get("key"))).map(row -> row.get("value")).findFirst()
        .orElseThrow(() -> new AssertionError(key + " not in SHOW CONFIG of " + endpoint));
  }
}
