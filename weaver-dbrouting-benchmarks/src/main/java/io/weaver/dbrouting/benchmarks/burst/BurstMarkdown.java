package io.weaver.dbrouting.benchmarks.burst;

import java.util.List;

/**
 * The report's figures section, written between two marker lines of {@code burst.md} so that the hand-written text
 * around it (what was expected, how to read it) stays.
 */
final class BurstMarkdown {
  static final String START = "<!-- burst figures: start (written by BurstBenchmark, do not edit by hand) -->";
  static final String END = "<!-- burst figures: end -->";

  private BurstMarkdown() {}

  /** The section, markers included. */
  static String figures(List<ScenarioResult> results, List<String> machine) {
    StringBuilder md = new StringBuilder(START).append("\n\n## The machine and the run\n\n");
    machine.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\n## Figures\n\n")
        .append("Latencies in ms. Document: claim to done. Read and insert: the statement alone (execute and fetch, "
            + "after the pool gave a connection). API: from when a read was due to its end.\n\n")
        .append("| scenario | PgBouncer | prepareThreshold | done / failed / left | documents/s | chunk inserts/s "
            + "| document p50 / p99 | read p50 / p99 | insert p50 / p99 | API p99 idle / burst (x) "
            + "| worker errors by SQLSTATE | API errors | peak session clients | peak transaction clients (waiting) "
            + "/ servers |\n")
        .append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |\n");
    for (ScenarioResult r : results) {
      md.append("| (").append(r.scenario().id).append(") ").append(r.scenario().description).append(" | ")
          .append(r.pgbouncer().isEmpty() ? "-" : r.pgbouncer()).append(" | ");
      if (!r.ran()) {
        md.append(r.outcome()).append(" |").append(" |".repeat(11)).append('\n');
        continue;
      }
      md.append(r.prepareThreshold()).append(" | ")
          .append(r.done()).append(" / ").append(r.failed()).append(" / ").append(r.pendingLeft()).append(" | ")
          .append(Figures.decimal(r.documentsPerSecond(), 1)).append(" | ")
          .append(Figures.decimal(r.insertsPerSecond(), 0)).append(" | ")
          .append(pair(r.documentLatency())).append(" | ").append(pair(r.readLatency())).append(" | ")
          .append(pair(r.insertLatency())).append(" | ")
          .append(Figures.millis(r.apiIdle(), 99)).append(" / ").append(Figures.millis(r.apiBurst(), 99))
          .append(" (").append(Figures.decimal(BurstTargets.apiFactor(r), 1)).append("x) | ")
          .append(r.workerErrors().describe()).append(" | ").append(r.apiErrors().describe()).append(" | ")
          .append(peak(r, PoolerPeaks.SESSION_CLIENTS)).append(" | ")
          .append(peak(r, PoolerPeaks.TRANSACTION_CLIENTS)).append(" (")
          .append(peak(r, PoolerPeaks.TRANSACTION_WAITING)).append(") / ")
          .append(peak(r, PoolerPeaks.TRANSACTION_SERVERS))
          .append(r.failedPolls() > 0 ? " (" + r.failedPolls() + " polls failed)" : "").append(" |\n");
    }
    md.append("\n## Targets\n\n");
    BurstTargets.check(results).forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\n![Documents per second, document latency and API read p99 per scenario](burst.png)\n\n")
        .append("Raw figures: [burst.csv](burst.csv).\n\n").append(END).append('\n');
    return md.toString();
  }

  /** {@code document} with its figures section replaced by {@code figures}; appended when it has none. */
  static String replaceFigures(String document, String figures) {
    int start = document.indexOf(START);
    int end = document.indexOf(END);
    if (start < 0 || end < start) {
      return document + (document.isEmpty() || document.endsWith("\n") ? "" : "\n") + figures;
    }
    int after = document.indexOf('\n', end);
    return document.substring(0, start) + figures + (after < 0 ? "" : document.substring(after + 1));
  }

  private static String pair(Latencies latencies) {
    return Figures.millis(latencies, 50) + " / " + Figures.millis(latencies, 99);
  }

  private static String peak(ScenarioResult r, String name) {
    Integer value = r.peaks().get(name);
    return value == null ? "-" : value.toString();
  }
}
