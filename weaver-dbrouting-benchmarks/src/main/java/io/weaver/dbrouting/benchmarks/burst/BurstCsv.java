package io.weaver.dbrouting.benchmarks.burst;

import java.util.List;
import java.util.StringJoiner;

/** The raw figures, one row per scenario; latencies in milliseconds. */
final class BurstCsv {
  static final List<String> COLUMNS = List.of("scenario", "outcome", "pgbouncer", "prepare_threshold", "documents",
      "done", "failed", "left", "seconds", "documents_per_s", "chunk_inserts", "chunk_inserts_per_s",
      "document_p50_ms", "document_p99_ms", "read_p50_ms", "read_p99_ms", "insert_p50_ms", "insert_p99_ms",
      "api_idle_reads", "api_idle_p50_ms", "api_idle_p99_ms", "api_burst_reads", "api_burst_p50_ms",
      "api_burst_p99_ms", "worker_errors", "worker_errors_by_sqlstate", "api_errors", "api_errors_by_sqlstate",
      "peak_session_clients", "peak_session_servers", "peak_transaction_clients", "peak_transaction_waiting",
      "peak_transaction_servers", "failed_pooler_polls");

  private BurstCsv() {}

  static String write(List<ScenarioResult> results) {
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (ScenarioResult r : results) {
      StringJoiner row = new StringJoiner(",");
      row.add(r.scenario().id).add(quote(r.outcome())).add(r.pgbouncer()).add(r.prepareThreshold())
          .add(Integer.toString(r.documents())).add(Long.toString(r.done())).add(Long.toString(r.failed()))
          .add(Long.toString(r.pendingLeft())).add(Figures.decimal(r.seconds(), 2))
          .add(Figures.decimal(r.documentsPerSecond(), 1)).add(Integer.toString(r.insertLatency().count()))
          .add(Figures.decimal(r.insertsPerSecond(), 1));
      for (Latencies latencies : List.of(r.documentLatency(), r.readLatency(), r.insertLatency())) {
        row.add(Figures.millis(latencies, 50)).add(Figures.millis(latencies, 99));
      }
      for (Latencies latencies : List.of(r.apiIdle(), r.apiBurst())) {
        row.add(Integer.toString(latencies.count())).add(Figures.millis(latencies, 50))
            .add(Figures.millis(latencies, 99));
      }
      row.add(Long.toString(r.workerErrors().total())).add(quote(r.workerErrors().encode()))
          .add(Long.toString(r.apiErrors().total())).add(quote(r.apiErrors().encode()));
      for (String peak : PoolerPeaks.NAMES) {
        Integer value = r.peaks().get(peak);
        row.add(value == null ? "" : value.toString());
      }
      row.add(Integer.toString(r.failedPolls()));
      csv.append(row).append('\n');
    }
    return csv.toString();
  }

  /** RFC 4180 quoting when the value holds a comma, a quote or a line break. */
  static String quote(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
