package io.weaver.dbrouting.benchmarks.burst;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker or API process: a JVM on this one's class path, configured through its environment as a deployed process
 * would be. Its output goes to a log file; the line {@value Commands#READY} says it is ready; {@link #send} writes a
 * command to its standard input.
 */
final class ChildJvm implements AutoCloseable {
  /** Heap and collector of each child: small, so that five of them and PostgreSQL fit a small machine. */
  private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

  private final String name;
  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    Thread copier = new Thread(() -> copyOutput(log), name + "-output");
    copier.setDaemon(true);
    copier.start();
  }

  /**
   * Starts {@code main} with {@code args}. The environment is this process's without its {@code DATABASE_*} and
   * {@code BURST_*} variables, plus {@code environment}.
   */
  static ChildJvm start(String name, Class<?> main, List<String> args, Map<String, String> environment, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.contains("DATABASE_") || key.startsWith("BURST_"));
    builder.environment().putAll(environment);
    return new ChildJvm(name, builder.start(), log);
  }

  String name() {
    return name;
  }

  /** Waits for the ready line; fails when the process ends first or {@code timeout} passes. */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.await(100, TimeUnit.MILLISECONDS)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was ready");
      }
    }
    throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s");
  }

  /** Writes {@code command} as a line to the process's standard input; a process that has ended is left alone. */
  void send(String command) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((command + "\n").getBytes(UTF_8));
      in.flush();
    } catch (IOException e) {
      // it has ended; its result file (or its absence) tells what happened
    }
  }

  /** Waits up to {@code timeout} for the process to end; true when it did. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private void copyOutput(Path log) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        Writer file = Files.newBufferedWriter(log, UTF_8)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals(Commands.READY)) {
          ready.countDown();
        }
        file.write(line);
        file.write('\n');
        file.flush();
      }
    } catch (IOException e) {
      // the log is for reading after a failure; losing its tail loses nothing measured
    }
  }
}
