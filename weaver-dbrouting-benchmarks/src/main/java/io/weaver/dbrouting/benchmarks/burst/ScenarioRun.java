package io.weaver.dbrouting.benchmarks.burst;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * One scenario on one stack: fresh pending documents, one API process reading through an idle phase, then the burst
 * worked off by the worker processes while the API keeps reading and the poolers are polled; then the processes'
 * results summed up.
 */
final class ScenarioRun {
  /** Characters of each uploaded document: twelve chunks of 150. */
  static final int BODY_CHARS = DocumentSteps.CHUNKS_PER_DOCUMENT * 150;
  private static final int API_THREADS = 4;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final PoolerStack stack;
  private final BurstSettings settings;
  private final Path runDirectory;

  ScenarioRun(PoolerStack stack, BurstSettings settings, Path runDirectory) {
    this.stack = stack;
    this.settings = settings;
    this.runDirectory = runDirectory;
  }

  ScenarioResult run(Scenario scenario) throws Exception {
    String pgbouncer = stack.pgbouncerVersion();
    Map<String, String> workerEnvironment = scenario.workerEnvironment(stack);
    if (scenario == Scenario.PREPARED_1_24) {
      Optional<String> unavailable = PreparedStatementsProbe.unavailableReason(workerEnvironment);
      if (unavailable.isPresent()) {
        return ScenarioResult.notRun(scenario, "not available in this build: " + unavailable.get(), pgbouncer);
      }
    }
    try (Connection direct = stack.connect(Endpoint.DIRECT, new Properties())) {
      BurstSchema.resetWithPendingDocuments(direct, settings.documents(), BODY_CHARS);
    }
    Path directory = Files.createDirectories(runDirectory.resolve(scenario.id));
    List<ChildJvm> workers = new ArrayList<>();
    Path apiResult = directory.resolve("api.result");
    try (ChildJvm api = ChildJvm.start("api", ApiMain.class, List.of(Integer.toString(settings.apiReadsPerSecond()),
        Integer.toString(API_THREADS), apiResult.toString()), Scenario.apiEnvironment(stack),
        directory.resolve("api.log"))) {
      api.awaitReady(READY_TIMEOUT);
      try {
        for (int i = 1; i <= settings.workers(); i++) {
          String name = "worker-" + i;
          workers.add(ChildJvm.start(name, WorkerMain.class, List.of(name, Integer.toString(settings.workerThreads()),
              directory.resolve(name + ".result").toString()), workerEnvironment, directory.resolve(name + ".log")));
        }
        for (ChildJvm worker : workers) {
          worker.awaitReady(READY_TIMEOUT);
        }
        api.send(Commands.MEASURE);
        Thread.sleep(settings.idle().toMillis());
        PoolerPeaks peaks = new PoolerPeaks(stack);
        try (peaks) {
          api.send(Commands.GO);
          workers.forEach(worker -> worker.send(Commands.GO));
          awaitWorkers(workers);
          api.send(Commands.STOP);
          if (!api.awaitExit(STOP_GRACE)) {
            throw new IllegalStateException("the API process did not end; see " + directory.resolve("api.log"));
          }
        }
        return summarize(scenario, pgbouncer, directory, apiResult, peaks);
      } finally {
        workers.forEach(ChildJvm::close);
      }
    }
  }

  /** Waits for every worker to end; past the time limit, tells them to stop and waits a little longer. */
  private void awaitWorkers(List<ChildJvm> workers) throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeLimit().toNanos();
    for (ChildJvm worker : workers) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!worker.awaitExit(Duration.ofNanos(left))) {
        break;
      }
    }
    workers.forEach(worker -> worker.send(Commands.STOP));
    for (ChildJvm worker : workers) {
      if (!worker.awaitExit(STOP_GRACE)) {
        throw new IllegalStateException(worker.name() + " did not stop");
      }
    }
  }

  private ScenarioResult summarize(Scenario scenario, String pgbouncer, Path directory, Path apiResult,
      PoolerPeaks peaks) throws IOException, SQLException {
    Latencies documentLatency = new Latencies();
    Latencies readLatency = new Latencies();
    Latencies insertLatency = new Latencies();
    ErrorTally workerErrors = new ErrorTally();
    TreeSet<String> thresholds = new TreeSet<>();
    long done = 0;
    long failed = 0;
    long started = Long.MAX_VALUE;
    long finished = Long.MIN_VALUE;
    for (int i = 1; i <= settings.workers(); i++) {
      Path file = directory.resolve("worker-" + i + ".result");
      if (!Files.exists(file)) {
        throw new IllegalStateException("worker-" + i + " wrote no result; see " + directory.resolve("worker-" + i
            + ".log"));
      }
      Map<String, String> result = ResultFile.read(file);
      thresholds.add(result.getOrDefault("prepareThreshold", "?"));
      done += Long.parseLong(result.getOrDefault("documentsDone", "0"));
      failed += Long.parseLong(result.getOrDefault("documentsFailed", "0"));
      started = Math.min(started, Long.parseLong(result.getOrDefault("startedAtMillis", "0")));
      finished = Math.max(finished, Long.parseLong(result.getOrDefault("finishedAtMillis", "0")));
      workerErrors.addAll(ErrorTally.decode(result.getOrDefault("errors", "")));
      documentLatency.addAll(Latencies.decode(result.getOrDefault("samples.document", "")));
      readLatency.addAll(Latencies.decode(result.getOrDefault("samples.read", "")));
      insertLatency.addAll(Latencies.decode(result.getOrDefault("samples.insert", "")));
    }
    Map<String, String> api = ResultFile.read(apiResult);
    long pendingLeft;
    try (Connection direct = stack.connect(Endpoint.DIRECT, new Properties())) {
      Map<String, Long> statuses = BurstSchema.statusCounts(direct);
      pendingLeft = statuses.getOrDefault("pending", 0L) + statuses.getOrDefault("processing", 0L);
    }
    return new ScenarioResult(scenario, ScenarioResult.RAN, pgbouncer, String.join("/", thresholds),
        settings.documents(), done, failed, pendingLeft, (finished - started) / 1000.0, documentLatency, readLatency,
        insertLatency, Latencies.decode(api.getOrDefault("samples.idle", "")),
        Latencies.decode(api.getOrDefault("samples.burst", "")), workerErrors,
        ErrorTally.decode(api.getOrDefault("errors", "")), peaks.peaks(), peaks.failedPolls());
  }
}
