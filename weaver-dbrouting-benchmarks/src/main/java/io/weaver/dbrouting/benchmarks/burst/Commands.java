package io.weaver.dbrouting.benchmarks.burst;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The commands a worker or API process receives from the coordinator on its standard input, one word a line
 * ({@value #MEASURE}, {@value #GO}, {@value #STOP}). The end of input counts as {@value #STOP}, so that a process whose coordinator died
 * winds up.
 */
final class Commands {
  /** The API process starts measuring its idle phase (what came before was warm-up). */
  static final String MEASURE = "measure";
  /** The burst starts. */
  static final String GO = "go";
  static final String STOP = "stop";
  /** Printed by a process once it is ready for {@value #GO}. */
  static final String READY = "ready";

  private final Set<String> received = ConcurrentHashMap.newKeySet();

  private Commands() {}

  /** Starts reading standard input on a daemon thread. */
  static Commands listen() {
    Commands commands = new Commands();
    Thread reader = new Thread(commands::read, "commands");
    reader.setDaemon(true);
    reader.start();
    return commands;
  }

  boolean received(String command) {
    return received.contains(command);
  }

  /** Waits until {@code command} (or {@value #STOP}) arrives; true when it was {@code command}. */
  boolean await(String command) throws InterruptedException {
    synchronized (this) {
      while (!received.contains(command) && !received.contains(STOP)) {
        wait(TimeUnit.SECONDS.toMillis(1));
      }
    }
    return received.contains(command);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        arrived(line.trim());
      }
    } catch (IOException e) {
      // the coordinator is gone: as if it had said stop
    }
    arrived(STOP);
  }

  private synchronized void arrived(String command) {
    received.add(command);
    notifyAll();
  }
}
