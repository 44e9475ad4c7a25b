package io.weaver.dbrouting.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.examples.documents.DocumentStore;
import io.weaver.dbrouting.examples.pipeline.DocumentPipeline;
import io.weaver.dbrouting.examples.pipeline.PipelineCommand;
import io.weaver.dbrouting.test.PoolerStackTest;
import io.weaver.dbrouting.test.PoolerUrls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-JDBC pipeline against the real session- and transaction-mode PgBouncers. */
@PoolerStackTest
class DocumentPipelineIT {
  private final Map<String, String> environment;

  private final int transactionPort;

  DocumentPipelineIT(PoolerUrls urls) {
    this.transactionPort = URI.create(urls.workerDatabaseUrl()).getPort();
    this.environment = new HashMap<>(urls.environment());
    environment.put("DATABASE_POOL_SIZE", "1");
    environment.put("DATABASE_MAX_OVERFLOW", "2");
  }

  @Test
  void processesEveryDocumentWithoutErrorsAndWritesThroughTheWorkerRole() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(environment)) {
      DocumentPipeline.Summary summary =
          new DocumentPipeline(db, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(3);

      assertThat(summary.processed()).isEqualTo(3);
      assertThat(summary.errors()).isZero();
      assertThat(summary.chunks()).isGreaterThan(3);
      assertThat(summary.apiReads()).isPositive();
      assertThat(summary.roles().get(DbRole.WORKER).plan().mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(summary.roles().get(DbRole.WORKER).peakInUse()).isPositive();
      assertThat(new DocumentStore(db).chunkWriters(summary.documentIds())).containsExactly("weaver-worker");
      assertThat(new DocumentStore(db).find(summary.documentIds().get(0))).get()
          .satisfies(d -> assertThat(d.status()).isEqualTo("done"));
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[3/3] document").contains("(WORKER role)");
  }

  @Test
  void commandPrintsTheSummaryAndExitsZero() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int exit = PipelineCommand.run(environment, 2, new PrintStream(printed, true, StandardCharsets.UTF_8));

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(output).contains("documents processed: 2 of 2").contains("errors: 0")
        .contains("weaver-worker TRANSACTION 127.0.0.1:" + transactionPort + "/weaver").contains("weaver-api")
        .doesNotContain(PoolerStack.PASSWORD);
  }
}
