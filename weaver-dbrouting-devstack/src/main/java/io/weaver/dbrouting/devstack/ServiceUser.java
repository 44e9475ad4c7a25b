package io.weaver.dbrouting.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs PostgreSQL's and PgBouncer's programs as the user they accept: this JVM's user, or, when this JVM runs as root
 * (which both programs refuse), the {@value #NAME} system user through {@code setpriv}.
 */
final class ServiceUser {

  static final String NAME = "postgres";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** Null unless this JVM runs as root. */
  private final @Nullable Path setpriv;

  ServiceUser(@Nullable Path setpriv) {
    this.setpriv = setpriv;
  }

  /**
   * {@code command} as the service user would run it. {@code setpriv} execs the program in place, so a {@link Process}
   * started from it is the program itself; its {@code --reset-env} drops PATH, which is why every program is named
   * by its absolute path.
   */
  List<String> command(List<String> command) {
    if (setpriv == null) {
      return command;
    }
    List<String> full = new ArrayList<>(List.of(setpriv.toString(),
        "--reuid=" + NAME, "--regid=" + NAME, "--init-groups", "--reset-env", "--"));
    full.addAll(command);
    return full;
  }

  /** Starts {@code command} in {@code dir}, stdout and stderr into {@code output}, stdin closed. */
  Process start(Path dir, Path output, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(command))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    scrubEnvironment(pb);
    Process process = pb.start();
    process.getOutputStream().close();
    return process;
  }

  /**
   * Runs {@code command} to its end, its output into {@code <dir>/<what>.out}.
   *
   * @throws IllegalStateException when it fails or outlives the timeout, with the end of its output
   */
  void run(Path dir, String what, List<String> command) throws IOException, InterruptedException {
    Path out = dir.resolve(what + ".out");
    Process p = start(dir, out, command);
    if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT.toSeconds()
          + " s; output:\n" + LogFiles.tail(out, 30));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + ": "
          + String.join(" ", command) + "\noutput:\n" + LogFiles.tail(out, 30));
    }
  }

  /** Hands {@code root} and everything in it to the service user (nothing to do unless running as root). */
  void own(Path root) throws IOException {
    if (setpriv == null) {
      return;
    }
    UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user;
    GroupPrincipal group;
    try {
      user = lookup.lookupPrincipalByName(NAME);
      group = lookup.lookupPrincipalByGroupName(NAME);
    } catch (UserPrincipalNotFoundException e) {
      throw new IllegalStateException("running as root, but there is no '" + NAME
          + "' user/group to run PostgreSQL and PgBouncer as (apt-get install postgresql creates it)", e);
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
      }
    }
  }

  /** Keeps the developer's PG* variables (PGPORT, PGDATA, PGOPTIONS...) away from the programs. */
  static void scrubEnvironment(ProcessBuilder pb) {
    pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
  }
}
