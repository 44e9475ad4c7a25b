package io.weaver.dbrouting.benchmarks.burst;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The burst benchmark, every scenario of {@link Scenario} in one run: for each PgBouncer (1.18, then 1.24 with
 * {@code max_prepared_statements = 200}) a stack of PostgreSQL, a session PgBouncer serving at most
 * {@value #SESSION_CLIENT_LIMIT} clients (as Supabase's session pooler) and a transaction PgBouncer sharing
 * {@value #TRANSACTION_SERVER_POOL} server connections; then each scenario's processes (see {@link ScenarioRun}).
 * Writes {@code burst.md} (its figures section), {@code burst.csv} and {@code burst.png} to the output directory. A
 * PgBouncer that is not installed skips its scenarios, and the report says so.
 */
public final class BurstBenchmark {
  static final int SESSION_CLIENT_LIMIT = 15;
  static final int TRANSACTION_SERVER_POOL = 20;

  private BurstBenchmark() {}

  public static void main(String[] args) throws Exception {
    BurstSettings settings;
    try {
      settings = BurstSettings.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path runDirectory = Files.createTempDirectory("weaver-burst-");
    System.out.println("burst: " + settings.documents() + " documents, " + settings.workers() + " worker processes x "
        + settings.workerThreads() + " threads; process logs in " + runDirectory);
    List<String> stacks = new ArrayList<>();
    List<ScenarioResult> results = new ArrayList<>();
    for (Scenario.Pooler pooler : Scenario.Pooler.values()) {
      results.addAll(runOn(pooler, settings, runDirectory, stacks));
    }
    results.sort(Comparator.comparing(ScenarioResult::scenario));
    write(results, settings, stacks);
    BurstTargets.check(results).forEach(line -> System.out.println("target: " + line));
  }

  private static List<ScenarioResult> runOn(Scenario.Pooler pooler, BurstSettings settings, Path runDirectory,
      List<String> stacks) {
    List<Scenario> scenarios = Arrays.stream(Scenario.values()).filter(s -> s.pooler == pooler).toList();
    List<ScenarioResult> results = new ArrayList<>();
    PoolerStack.Options options = new PoolerStack.Options(true, 0, false, pooler.versionPrefix,
        pooler.maxPreparedStatements).withSessionClientLimit(SESSION_CLIENT_LIMIT)
        .withTransactionServerPool(TRANSACTION_SERVER_POOL);
    PoolerStack stack;
    try {
      stack = PoolerStack.start(options);
    } catch (Exception e) {
      String reason = "skipped: no PgBouncer " + pooler.versionPrefix + " could be started ("
          + firstLine(e.getMessage()) + ")" + (pooler == Scenario.Pooler.PGBOUNCER_1_24
          ? "; build it with .ci/build-pgbouncer" : "");
      System.out.println(reason);
      scenarios.forEach(s -> results.add(ScenarioResult.notRun(s, reason, "")));
      return results;
    }
    try (stack) {
      stacks.add(stack.description());
      try (Connection direct = stack.connect(Endpoint.DIRECT, new Properties())) {
        BurstSchema.create(direct);
      }
      ScenarioRun run = new ScenarioRun(stack, settings, runDirectory);
      for (Scenario scenario : scenarios) {
        System.out.println("scenario (" + scenario.id + ") " + scenario.description + " on PgBouncer "
            + stack.pgbouncerVersion() + "...");
        ScenarioResult result;
        try {
          result = run.run(scenario);
        } catch (Exception e) {
          result = ScenarioResult.notRun(scenario, "failed: " + firstLine(e.getMessage()), stack.pgbouncerVersion());
        }
        System.out.println("  " + (result.ran() ? Figures.decimal(result.documentsPerSecond(), 1) + " documents/s, "
            + result.workerErrors().total() + " worker errors" : result.outcome()));
        results.add(result);
      }
    } catch (Exception e) {
      String reason = "failed: " + firstLine(e.getMessage());
      scenarios.stream().filter(s -> results.stream().noneMatch(r -> r.scenario() == s))
          .forEach(s -> results.add(ScenarioResult.notRun(s, reason, stack.pgbouncerVersion())));
    }
    return results;
  }

  private static void write(List<ScenarioResult> results, BurstSettings settings, List<String> stacks)
      throws IOException {
    Path output = Files.createDirectories(settings.output());
    Files.writeString(output.resolve("burst.csv"), BurstCsv.write(results), UTF_8);
    BurstChart.write(results, output.resolve("burst.png"));
    Path report = output.resolve("burst.md");
    String existing = Files.exists(report) ? Files.readString(report, UTF_8) : "# Burst benchmark\n\n";
    Files.writeString(report, BurstMarkdown.replaceFigures(existing, BurstMarkdown.figures(results,
        machine(settings, stacks))), UTF_8);
    System.out.println("wrote " + report + ", burst.csv and burst.png");
  }

  private static List<String> machine(BurstSettings settings, List<String> stacks) {
    List<String> lines = new ArrayList<>();
    if (!settings.note().isBlank()) {
      lines.add("**" + settings.note() + "**");
    }
    if (settings.quick()) {
      lines.add("**quick run (--quick): a smoke test, not figures to compare**");
    }
    lines.add("Run " + Instant.now().truncatedTo(ChronoUnit.MINUTES) + "; " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", " + cpu() + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs, " + memory() + "; Java "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")");
    stacks.forEach(stack -> lines.add("Stack: " + stack));
    lines.add("Session PgBouncer: max_client_conn = default_pool_size = " + SESSION_CLIENT_LIMIT
        + "; transaction PgBouncer: default_pool_size = " + TRANSACTION_SERVER_POOL
        + "; PostgreSQL with fsync and synchronous_commit off (the commit costs no disk flush)");
    lines.add("Burst: " + settings.documents() + " documents of " + DocumentSteps.CHUNKS_PER_DOCUMENT
        + " chunks; " + settings.workers() + " worker processes x " + settings.workerThreads()
        + " threads, worker pool 5 + 10; 1 API process, pool 2 + 3, " + settings.apiReadsPerSecond()
        + " reads/s, " + settings.idle().toSeconds() + " s idle before the burst; limit "
        + settings.timeLimit().toSeconds() + " s per burst");
    return lines;
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"), UTF_8).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("CPU model unknown");
    } catch (IOException e) {
      return "CPU model unknown";
    }
  }

  private static String memory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Figures.decimal(os.getTotalMemorySize() / 1e9, 1) + " GB memory";
    }
    return "memory unknown";
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
