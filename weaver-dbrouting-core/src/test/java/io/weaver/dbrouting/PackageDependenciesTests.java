package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The machinery in {@code internal} uses the public nouns (roles, modes, plans, settings, exceptions) but never calls
 * back into the public front door, so that the public classes depend on the internal ones and not the other way.
 */
class PackageDependenciesTests {
  /** Public classes with behaviour; internal code must not reference them. */
  private static final List<String> FRONT_DOOR = List.of(
      "io/weaver/dbrouting/RoleAwareDataSource", "io/weaver/dbrouting/Doctor", "io/weaver/dbrouting/RoleScope",
      "io/weaver/dbrouting/DatabaseUrl");

  @Test
  void internalClassesNeverReferenceThePublicFrontDoor() throws IOException, URISyntaxException {
    Path classes = Path.of(RoleAwareDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path internal = classes.resolve("io/weaver/dbrouting/internal");
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(internal)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String frontDoor : FRONT_DOOR) {
          // a class reference in the constant pool ends with the name, or with '$' for a nested class or ';'
          if (constantPool.contains("L" + frontDoor + ";") || constantPool.contains(frontDoor + "$")
              || containsClassEntry(constantPool, frontDoor)) {
            offences.add(classes.relativize(file) + " -> " + frontDoor);
          }
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  /** A CONSTANT_Utf8 entry holding exactly {@code name}: tag 1, two length bytes, the name. */
  private static boolean containsClassEntry(String constantPool, String name) {
    String entry = "\u0001" + (char) (name.length() >> 8) + (char) (name.length() & 0xff) + name;
    return constantPool.contains(entry);
  }

  @Test
  void theCheckFindsAReferenceWhereThereIsOne() throws IOException, URISyntaxException {
    Path classes = Path.of(RoleAwareDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String doctor = new String(Files.readAllBytes(classes.resolve("io/weaver/dbrouting/Doctor.class")),
        StandardCharsets.ISO_8859_1);
    assertThat(containsClassEntry(doctor, "io/weaver/dbrouting/internal/diagnostics/PoolerProbe")).isTrue();
  }
}
