package io.weaver.dbrouting.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spring and Testcontainers are optional: a plain JUnit user has neither. Only the Spring package names Spring, and
 * only the container class names Testcontainers (and it is loaded only once Testcontainers was found).
 */
class OptionalDependenciesTests {

  @Test
  void onlyTheSpringPackageNamesSpring() throws Exception {
    assertThat(classesNaming("org/springframework")).isNotEmpty()
        .allSatisfy(c -> assertThat(c).startsWith("io/weaver/dbrouting/test/spring/"));
  }

  @Test
  void onlyTheContainerClassNamesTestcontainers() throws Exception {
    assertThat(classesNaming("org/testcontainers")).isNotEmpty()
        .allSatisfy(c -> assertThat(c).startsWith("io/weaver/dbrouting/test/internal/ContainerPoolers"));
  }

  /** The kit's compiled classes whose constant pool holds {@code name}, as paths below the classes directory. */
  private static List<String> classesNaming(String name) throws IOException, URISyntaxException {
    Path classes = Path.of(PoolerStackExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .filter(f -> new String(read(f), StandardCharsets.ISO_8859_1).contains(name))
          .map(f -> classes.relativize(f).toString()).toList();
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
