package io.weaver.dbrouting.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GetConnectionBenchmark} (JMH command-line options are passed through) and, after JMH's own table,
 * prints each variant's score as a ratio of {@code rawHikari}'s, and the worker role's also as a ratio of
 * {@code rawHikariWorker}'s (the worker pool itself, so that the ratio is the routing alone).
 */
public final class BenchmarkReport {
  private static final List<String> BENCHMARKS =
      List.of("rawHikari", "rawHikariWorker", "roleAware", "roleAwareWithThreadState", "roleAwareInApiScope",
          "roleAwareWorker", "springRouting");
  /** Each variant's baseline: the raw pool it routes to. Variants not named here compare with rawHikari. */
  private static final Map<String, String> BASELINES = Map.of("roleAwareWorker", "rawHikariWorker");

  private BenchmarkReport() {}

  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    CommandLineOptions commandLine = new CommandLineOptions(args);
    ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine);
    boolean all = commandLine.getIncludes().isEmpty();
    if (all) {
      options.include(GetConnectionBenchmark.class.getName() + "\\.");
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, Result<?>> scores = new TreeMap<>();
    for (RunResult run : results) {
      String method = run.getParams().getBenchmark();
      scores.put(method.substring(method.lastIndexOf('.') + 1), run.getPrimaryResult());
    }
    Result<?> raw = scores.get("rawHikari");
    if (raw == null || (all && !scores.keySet().containsAll(BENCHMARKS))) {
      System.err.println("\nOnly " + scores.keySet() + " of " + BENCHMARKS + " have results (failures are above); "
          + "ratios need rawHikari.");
      System.exit(1);
      return;
    }
    System.out.println();
    System.out.println("Ratios to rawHikari (" + format(raw) + "):");
    for (Map.Entry<String, Result<?>> entry : scores.entrySet()) {
      double ratio = entry.getValue().getScore() / raw.getScore();
      System.out.printf(Locale.ROOT, "  %-24s %s  ratio %.3f (%+.1f%%)%n", entry.getKey(), format(entry.getValue()),
          ratio, (ratio - 1) * 100);
      String baseline = BASELINES.get(entry.getKey());
      Result<?> base = baseline == null ? null : scores.get(baseline);
      if (base != null) {
        double own = entry.getValue().getScore() / base.getScore();
        System.out.printf(Locale.ROOT, "  %-24s %s  ratio %.3f (%+.1f%%) to %s%n", "", "", own, (own - 1) * 100,
            baseline);
      }
    }
  }

  private static String format(Result<?> result) {
    return String.format(Locale.ROOT, "%.1f ± %.1f %s", result.getScore(), result.getScoreError(),
        result.getScoreUnit());
  }
}
