package io.weaver.dbrouting.benchmarks.burst;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What one scenario measured, summed over its processes, or why it did not run.
 *
 * @param outcome {@code ran}, or {@code skipped: <reason>} / {@code not available in this build: <reason>}
 * @param pgbouncer the PgBouncer version it ran on, or empty
 * @param prepareThreshold the workers' pgjdbc prepareThreshold as read on a live connection (distinct values)
 * @param seconds from {@code go} to the last worker's last document
 * @param pendingLeft documents neither done nor failed at the end (a run stopped at its time limit)
 * @param documentLatency claim to done, per document done
 * @param readLatency the read-with-neighbours statement
 * @param insertLatency one chunk insert statement
 */
record ScenarioResult(Scenario scenario, String outcome, String pgbouncer, String prepareThreshold, int documents,
    long done, long failed, long pendingLeft, double seconds, Latencies documentLatency, Latencies readLatency,
    Latencies insertLatency, Latencies apiIdle, Latencies apiBurst, ErrorTally workerErrors, ErrorTally apiErrors,
    Map<String, Integer> peaks, int failedPolls) {

  static final String RAN = "ran";

  static ScenarioResult notRun(Scenario scenario, String outcome, String pgbouncer) {
    return new ScenarioResult(scenario, outcome, pgbouncer, "", 0, 0, 0, 0, 0, new Latencies(), new Latencies(),
        new Latencies(), new Latencies(), new Latencies(), new ErrorTally(), new ErrorTally(), Map.of(), 0);
  }

  boolean ran() {
    return outcome.equals(RAN);
  }

  double documentsPerSecond() {
    return seconds > 0 ? done / seconds : 0;
  }

  double insertsPerSecond() {
    return seconds > 0 ? insertLatency.count() / seconds : 0;
  }

  /** A percentile in milliseconds, empty without samples. */
  static java.util.OptionalDouble millis(Latencies latencies, double percentile) {
    OptionalLong micros = latencies.percentile(percentile);
    return micros.isPresent() ? java.util.OptionalDouble.of(micros.getAsLong() / 1000.0)
        : java.util.OptionalDouble.empty();
  }
}
