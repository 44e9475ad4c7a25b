package io.weaver.dbrouting.benchmarks.burst;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The burst benchmark's command line.
 *
 * @param documents documents in each scenario's burst
 * @param workers worker processes
 * @param workerThreads threads per worker process (the worker pool's maximum, 5 + 10, by default)
 * @param apiReadsPerSecond reads the API process starts per second
 * @param idle how long the API reads before the burst (its idle baseline)
 * @param timeLimit the longest a burst may take before its workers are told to stop
 * @param output where burst.md, burst.csv and burst.png go
 * @param note a line for the report's machine section, e.g. "development run, busy machine"
 */
record BurstSettings(int documents, int workers, int workerThreads, int apiReadsPerSecond, Duration idle,
    Duration timeLimit, Path output, String note, boolean quick) {

  static final String USAGE = """
      usage: BurstBenchmark [--quick] [--documents N] [--workers W] [--worker-threads T] [--api-rate R]
                            [--idle-seconds S] [--time-limit-seconds S] [--output DIR] [--note TEXT]
        --quick               a smoke run: 200 documents, 3 s idle, 60 s limit (figures not for publishing)
        --documents N         documents per burst (default 2000)
        --workers W           worker processes (default 4)
        --worker-threads T    threads per worker process (default 15, the worker pool's 5 + 10)
        --api-rate R          API reads started per second (default 50)
        --idle-seconds S      API reads before each burst, the idle baseline (default 10)
        --time-limit-seconds  the longest a burst may run before its workers are stopped (default 120)
        --output DIR          where burst.md, burst.csv and burst.png go (default docs/benchmarks)
        --note TEXT           a line for the report's machine section""";

  /** Parses the command line; throws IllegalArgumentException with the usage on a mistake. */
  static BurstSettings parse(List<String> args) {
    boolean quick = args.contains("--quick");
    int documents = quick ? 200 : 2000;
    int workers = 4;
    int threads = 15;
    int rate = 50;
    int idleSeconds = quick ? 3 : 10;
    int limitSeconds = quick ? 60 : 120;
    Path output = Path.of("docs", "benchmarks");
    String note = "";
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--quick")) {
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(arg + " needs a value, or is unknown\n" + USAGE);
      }
      String value = args.get(++i);
      switch (arg) {
        case "--documents" -> documents = positive(arg, value);
        case "--workers" -> workers = positive(arg, value);
        case "--worker-threads" -> threads = positive(arg, value);
        case "--api-rate" -> rate = positive(arg, value);
        case "--idle-seconds" -> idleSeconds = positive(arg, value);
        case "--time-limit-seconds" -> limitSeconds = positive(arg, value);
        case "--output" -> output = Path.of(value);
        case "--note" -> note = value;
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    return new BurstSettings(documents, workers, threads, rate, Duration.ofSeconds(idleSeconds),
        Duration.ofSeconds(limitSeconds), output, note, quick);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException(option + " " + value + " is not a positive whole number\n" + USAGE);
  }
}
