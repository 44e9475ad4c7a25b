package io.weaver.dbrouting.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL runs no shutdown hook; the stack's watchdog must still stop PostgreSQL and both
 * PgBouncers (one of them frozen) and delete the directory, so that the ports are free for the next run.
 */
class KilledJvmLeavesNothingBehindIT {

  private static final long CLEANUP_MILLIS = 5_000;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void aSigkilledJvmLeavesNoProcessNoPortAndNoDirectory(@TempDir Path work) throws Exception {
    Path output = work.resolve("child.out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StackInChildJvm.class.getName())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    String[] ready = awaitReadyLine(output).split(" ", -1);
    Path dir = Path.of(ready[1]);
    List<Integer> ports = List.of(Integer.parseInt(ready[2]), Integer.parseInt(ready[3]), Integer.parseInt(ready[4]));
    List<Long> pids = new ArrayList<>(List.of(Long.parseLong(ready[5]), Long.parseLong(ready[6])));
    pids.add(Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid"), UTF_8).get(0).trim()));
    assertThat(ports).allSatisfy(port -> assertThat(accepts(port)).as("port %s before the kill", port).isTrue());
    assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("process %s before the kill", pid).isTrue());

    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

    long deadline = System.currentTimeMillis() + CLEANUP_MILLIS;
    while (System.currentTimeMillis() < deadline
        && (Files.exists(dir) || ports.stream().anyMatch(KilledJvmLeavesNothingBehindIT::accepts)
            || pids.stream().anyMatch(KilledJvmLeavesNothingBehindIT::alive))) {
      Thread.sleep(100);
    }
    assertThat(ports).allSatisfy(port -> assertThat(accepts(port)).as("port %s after the kill", port).isFalse());
    assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("process %s after the kill", pid).isFalse());
    assertThat(dir).doesNotExist();
  }

  private String awaitReadyLine(Path output) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      Optional<String> line = Files.exists(output)
          ? Files.readAllLines(output, UTF_8).stream().filter(l -> l.startsWith(StackInChildJvm.READY)).findFirst()
          : Optional.empty();
      if (line.isPresent()) {
        return line.get();
      }
      if (!child.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the child JVM did not start its stack:\n" + Files.readString(output, UTF_8));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Alive and not a zombie: a process that has exited but was not reaped yet counts as gone. */
  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !zombie(pid);
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), UTF_8);
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }
}
