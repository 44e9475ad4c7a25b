package io.weaver.dbrouting.benchmarks.burst;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The report's targets, each checked against the run's figures and said met, missed (by how much) or not checked. */
final class BurstTargets {
  /** The API's p99 during the burst may be at most this multiple of its idle p99. */
  static final double API_P99_FACTOR = 2.0;
  /** (d)'s read statement p50 should be at least this much lower than (c)'s on the same PgBouncer. */
  static final double PREPARED_READ_GAIN = 0.15;

  private BurstTargets() {}

  static List<String> check(List<ScenarioResult> results) {
    Map<Scenario, ScenarioResult> by = results.stream().collect(Collectors.toMap(ScenarioResult::scenario,
        Function.identity()));
    List<String> lines = new ArrayList<>();
    lines.add(errors(by.get(Scenario.PGJDBC_DEFAULTS), by.get(Scenario.LIBRARY_1_18)));
    lines.add(apiLatency(by.get(Scenario.LIBRARY_1_18), by.get(Scenario.LIBRARY_1_24),
        by.get(Scenario.WORKERS_ON_SESSION)));
    lines.add(prepared(by.get(Scenario.LIBRARY_1_24), by.get(Scenario.PREPARED_1_24)));
    return lines;
  }

  private static String errors(@Nullable ScenarioResult a, @Nullable ScenarioResult c) {
    String target = "(c) has 0 errors where (a) fails: ";
    if (a == null || c == null || !a.ran() || !c.ran()) {
      return target + "not checked, (a) or (c) on 1.18 did not run.";
    }
    long aErrors = a.workerErrors().total() + a.apiErrors().total();
    long cErrors = c.workerErrors().total() + c.apiErrors().total();
    boolean met = cErrors == 0 && aErrors > 0;
    return target + (met ? "**met**" : "**missed**") + ": (a) " + aErrors + " errors (" + a.workerErrors().describe()
        + "), (c) " + cErrors + ".";
  }

  private static String apiLatency(@Nullable ScenarioResult c18, @Nullable ScenarioResult c24,
      @Nullable ScenarioResult b) {
    String target = "API read p99 during the burst at most " + Figures.decimal(API_P99_FACTOR, 0)
        + "x its idle p99 with (c), while (b) exceeds it: ";
    if (b == null || !b.ran() || (!ran(c18) && !ran(c24))) {
      return target + "not checked, (b) or (c) did not run.";
    }
    StringBuilder line = new StringBuilder(target);
    boolean met = true;
    for (@Nullable ScenarioResult c : java.util.Arrays.asList(c18, c24)) {
      if (c != null && c.ran()) {
        OptionalDouble factor = apiFactor(c);
        met &= factor.isPresent() && factor.getAsDouble() <= API_P99_FACTOR;
        line.append("(").append(c.scenario().id).append(") ").append(Figures.decimal(factor, 2)).append("x; ");
      }
    }
    OptionalDouble bFactor = apiFactor(b);
    met &= bFactor.isPresent() && bFactor.getAsDouble() > API_P99_FACTOR;
    line.append("(b) ").append(Figures.decimal(bFactor, 2)).append("x. ");
    return line.append(met ? "**met**" : "**missed**").toString();
  }

  private static String prepared(@Nullable ScenarioResult c, @Nullable ScenarioResult d) {
    String target = "(d) at least " + Figures.decimal(PREPARED_READ_GAIN * 100, 0)
        + "% lower read-with-neighbours latency (p50) than (c) on PgBouncer 1.24: ";
    if (d == null || !d.ran()) {
      return target + "not checked, (d) " + (d == null ? "did not run" : d.outcome()) + ".";
    }
    if (c == null || !c.ran()) {
      return target + "not checked, (c) on 1.24 did not run.";
    }
    OptionalDouble read = Figures.ratio(ScenarioResult.millis(d.readLatency(), 50),
        ScenarioResult.millis(c.readLatency(), 50));
    OptionalDouble insert = Figures.ratio(ScenarioResult.millis(d.insertLatency(), 50),
        ScenarioResult.millis(c.insertLatency(), 50));
    boolean met = read.isPresent() && read.getAsDouble() <= 1 - PREPARED_READ_GAIN;
    return target + "read (d)/(c) " + Figures.decimal(read, 2) + ", chunk insert (d)/(c) " + Figures.decimal(insert, 2)
        + ". " + (met ? "**met**" : "**missed**");
  }

  /** The API's burst p99 over its idle p99. */
  static OptionalDouble apiFactor(ScenarioResult r) {
    return Figures.ratio(ScenarioResult.millis(r.apiBurst(), 99), ScenarioResult.millis(r.apiIdle(), 99));
  }

  private static boolean ran(@Nullable ScenarioResult r) {
    return r != null && r.ran();
  }
}
