package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code sh} process that cleans up a stack directory when the JVM that owns it dies without closing it: killed
 * with SIGKILL, crashed, or halted, so that no shutdown hook ran.
 *
 * <p>It blocks reading its stdin, a pipe whose only writer is this JVM. {@link #close()} (the stack closed normally)
 * writes {@code closed} and it exits doing nothing. When the JVM dies in any other way, the kernel closes the pipe
 * and the read ends at once; the watchdog then sends SIGTERM and SIGCONT to every process named by a
 * {@code *.pid} file in the directory (the PgBouncers, frozen or not), stops PostgreSQL with
 * {@code pg_ctl stop -m immediate}, SIGKILLs what is left after a second, and deletes the directory (unless told to
 * keep it). It ignores SIGINT, SIGHUP and SIGTERM, so that Ctrl-C on a terminal, which signals the whole process
 * group, does not take it down before it has cleaned up; it runs as this JVM's user, and runs pg_ctl as the service
 * user.
 */
final class Watchdog implements AutoCloseable {

  private static final String CLOSED = "closed";

  /** $1 the directory, $2 "keep" or "delete", $3... pg_ctl as the service user runs it. */
  private static final String SCRIPT = String.join("\n",
      "trap '' INT HUP TERM",
      "dir=$1; keep=$2; shift 2",
      "while IFS= read -r line; do",
      "  [ \"$line\" = " + CLOSED + " ] && exit 0",
      "done",
      "pids=",
      "for f in \"$dir\"/*.pid \"$dir\"/data/postmaster.pid; do",
      "  [ -f \"$f\" ] || continue",
      "  p=$(head -n 1 \"$f\")",
      "  case \"$p\" in ''|*[!0-9]*) continue ;; esac",
      "  pids=\"$pids $p\"",
      "done",
      "for p in $pids; do kill -TERM \"$p\" 2>/dev/null; kill -CONT \"$p\" 2>/dev/null; done",
      "[ -f \"$dir/data/postmaster.pid\" ] && \"$@\" -D \"$dir/data\" -m immediate -t 5 -w stop >/dev/null 2>&1",
      "sleep 1",
      "for p in $pids; do kill -KILL \"$p\" 2>/dev/null; done",
      "[ \"$keep\" = keep ] || rm -rf \"$dir\"",
      "");

  private final Process process;

  private Watchdog(Process process) {
    this.process = process;
  }

  /**
   * Starts a watchdog over {@code dir}.
   *
   * @param pgCtl the command that runs pg_ctl as the service user (no arguments)
   * @param keepDirectory leave the directory in place after cleaning up
   */
  static Watchdog start(Path dir, List<String> pgCtl, boolean keepDirectory) throws IOException {
    List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, "weaver-stack-watchdog", dir.toString(),
        keepDirectory ? "keep" : "delete"));
    command.addAll(pgCtl);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD) // never a pipe: its reader, this JVM, may be gone
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    ServiceUser.scrubEnvironment(pb);
    return new Watchdog(pb.start());
  }

  /** Process id of the watchdog. */
  long pid() {
    return process.pid();
  }

  /** Tells the watchdog that the stack was cleaned up normally; it exits without touching anything. */
  @Override
  public void close() {
    try (OutputStream in = process.getOutputStream()) {
      in.write((CLOSED + "\n").getBytes(UTF_8));
    } catch (IOException gone) {
      // it is not running any more
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
