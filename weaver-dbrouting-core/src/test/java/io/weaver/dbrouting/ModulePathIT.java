package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar on the module path, as an application that is a module sees it: named {@code io.weaver.dbrouting},
 * exporting the public API and nothing of {@code internal}, usable from another module with nothing but a
 * {@code requires}. A client module is compiled against the jar and run in a module layer of its own, on the jar and
 * the dependency jars its manifest names (the build copies them beside it).
 */
class ModulePathIT {
  private static final String MODULE = "io.weaver.dbrouting";
  private static final String CLIENT = "weaver.client";

  /** Builds a data source through the API (a HikariCP customizer included), then reaches for an internal class. */
  private static final String CLIENT_CODE = """
      package weaver.client;

      import io.weaver.dbrouting.DbRole;
      import io.weaver.dbrouting.RoleAwareDataSource;
      import io.weaver.dbrouting.RolePlan;
      import java.util.function.Supplier;

      public final class Client implements Supplier<String> {
        @Override
        public String get() {
          StringBuilder out = new StringBuilder();
          try (RoleAwareDataSource db = RoleAwareDataSource.builder()
              .databaseUrl("postgresql://app:pw@db.example.com:5432/app")
              .workerDatabaseUrl("postgresql://app:pw@db.example.com:6543/app")
              .customizeHikari(DbRole.WORKER, config -> config.setMaximumPoolSize(7))
              .build()) {
            RolePlan worker = db.plan(DbRole.WORKER);
            out.append("module ").append(RoleAwareDataSource.class.getModule().getName())
                .append("; worker ").append(worker.mode()).append(' ').append(worker.maximumPoolSize());
          }
          try {
            Class<?> internal = Class.forName("io.weaver.dbrouting.internal.text.Redaction");
            Object secret = internal.getMethod("isSecretProperty", String.class).invoke(null, "password");
            out.append("; internal open: ").append(secret);
          } catch (IllegalAccessException e) {
            out.append("; internal refused");
          } catch (ReflectiveOperationException e) {
            out.append("; internal ").append(e);
          }
          return out.toString();
        }
      }
      """;

  private static List<Path> modulePath;

  @BeforeAll
  static void findTheJarAndItsDependencies() throws IOException {
    Path jar = Path.of(System.getProperty("weaver.core.jar", "target/weaver-dbrouting-core.jar"));
    assertThat(jar).as("the packaged jar; failsafe runs after package").isRegularFile();
    List<Path> paths = new ArrayList<>();
    paths.add(jar);
    try (JarFile file = new JarFile(jar.toFile())) {
      String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(classPath).as("the manifest's Class-Path").isNotBlank();
      for (String entry : classPath.trim().split("\\s+", -1)) {
        Path dependency = jar.resolveSibling(entry);
        assertThat(dependency).as("a dependency jar beside the jar").isRegularFile();
        paths.add(dependency);
      }
    }
    modulePath = List.copyOf(paths);
  }

  @Test
  void theJarIsAModuleThatExportsOnlyThePublicPackage() {
    ModuleDescriptor descriptor = ModuleFinder.of(modulePath.get(0)).findAll().iterator().next().descriptor();

    assertThat(descriptor.name()).isEqualTo(MODULE);
    assertThat(descriptor.isAutomatic()).as("declared by module-info, not named by the manifest").isFalse();
    assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(descriptor.exports().stream().map(Exports::source).collect(Collectors.toSet())).containsExactly(MODULE);
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.packages()).contains("io.weaver.dbrouting.internal.text", "io.weaver.dbrouting.internal.pool");
  }

  @Test
  void anotherModuleCompilesAgainstTheApiWithOneRequires(@TempDir Path dir) throws IOException {
    Compilation compilation = compileClient(dir, "");

    assertThat(compilation.exitCode()).as(compilation.output()).isZero();
  }

  @Test
  void anotherModuleCannotCompileAgainstAnInternalPackage(@TempDir Path dir) throws IOException {
    Compilation compilation = compileClient(dir, "import io.weaver.dbrouting.internal.text.Redaction;\n");

    assertThat(compilation.exitCode()).as(compilation.output()).isNotZero();
    assertThat(compilation.output())
        .contains("package io.weaver.dbrouting.internal.text is not visible")
        .contains("does not export it");
  }

  @Test
  void aDataSourceIsBuiltThroughTheModuleAndItsInternalsStayClosed(@TempDir Path dir) throws Exception {
    Compilation compilation = compileClient(dir, "");
    assertThat(compilation.exitCode()).as(compilation.output()).isZero();
    List<Path> paths = new ArrayList<>(modulePath);
    paths.add(dir.resolve("classes"));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration().resolve(ModuleFinder.of(paths.toArray(Path[]::new)), ModuleFinder.of(), Set.of(CLIENT));
    // The platform loader as parent: the test's own class path, which holds core's classes too, stays out of reach.
    ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());

    Module core = layer.findModule(MODULE).orElseThrow();
    Module client = layer.findModule(CLIENT).orElseThrow();
    assertThat(core.getDescriptor().isAutomatic()).isFalse();
    assertThat(client.canRead(core)).isTrue();
    assertThat(core.isExported(MODULE, client)).isTrue();
    assertThat(core.isExported("io.weaver.dbrouting.internal.text", client)).isFalse();

    @SuppressWarnings("unchecked")
    Supplier<String> run = (Supplier<String>) layer.findLoader(CLIENT).loadClass(CLIENT + ".Client")
        .getConstructor().newInstance();
    assertThat(run.get()).isEqualTo("module " + MODULE + "; worker TRANSACTION 7; internal refused");
  }

  private record Compilation(int exitCode, String output) {}

  /** Compiles the client module into {@code dir/classes}, with {@code extraImport} added to its class. */
  private static Compilation compileClient(Path dir, String extraImport) throws IOException {
    Path source = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(source.resolve("weaver/client"));
    Files.createDirectories(classes);
    Files.writeString(source.resolve("module-info.java"),
        "module " + CLIENT + " {\n  requires " + MODULE + ";\n  exports weaver.client;\n}\n", StandardCharsets.UTF_8);
    String code = CLIENT_CODE.replace("import java.util.function.Supplier;\n",
        "import java.util.function.Supplier;\n" + extraImport);
    Files.writeString(source.resolve("weaver/client/Client.java"), code, StandardCharsets.UTF_8);

    String path = modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    StringWriter output = new StringWriter();
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    int exit;
    try (PrintWriter out = new PrintWriter(output)) {
      // an empty class path: javac in this JVM would otherwise read the test's own, which holds core's classes too
      exit = javac.run(out, out, "--release", "17", "-d", classes.toString(), "--class-path", classes.toString(),
          "--module-path", path,
          source.resolve("module-info.java").toString(), source.resolve("weaver/client/Client.java").toString());
    }
    return new Compilation(exit, output.toString());
  }
}
