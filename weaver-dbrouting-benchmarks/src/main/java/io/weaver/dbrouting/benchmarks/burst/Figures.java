package io.weaver.dbrouting.benchmarks.burst;

import java.util.Locale;
import java.util.OptionalDouble;

/** How figures are written in the CSV and the report: fixed decimals, the root locale, empty as "-". */
final class Figures {
  private Figures() {}

  static String decimal(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String decimal(OptionalDouble value, int decimals) {
    return value.isPresent() ? decimal(value.getAsDouble(), decimals) : "-";
  }

  /** A percentile of {@code latencies} in milliseconds with two decimals, or "-". */
  static String millis(Latencies latencies, double percentile) {
    return decimal(ScenarioResult.millis(latencies, percentile), 2);
  }

  /** {@code a / b}, empty when either is missing or b is 0. */
  static OptionalDouble ratio(OptionalDouble a, OptionalDouble b) {
    return a.isPresent() && b.isPresent() && b.getAsDouble() > 0
        ? OptionalDouble.of(a.getAsDouble() / b.getAsDouble()) : OptionalDouble.empty();
  }
}
