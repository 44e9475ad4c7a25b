package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import io.weaver.dbrouting.internal.url.UrlParser;
import io.weaver.dbrouting.stack.OwnPoolerStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side prepared statements on a transaction pool behind PgBouncer 1.24 with {@code max_prepared_statements =
 * 200}, which keeps them across server connections: {@code on} and {@code auto} name statements and see no error under
 * concurrency, and the doctor says they are kept and what naming gains.
 */
class KeptPreparedStatementsIT {
  private static PoolerStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = OwnPoolerStack.start(PoolerStack.Options.forTests().withPgbouncerVersion("1.24")
        .withMaxPreparedStatements(200));
    NamedStatementWork.createTables(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static int pgbouncerStatementsOnServers() throws Exception {
    return stack.onEveryTransactionServerConnection("SELECT count(*)::text FROM pg_prepared_statements "
        + "WHERE name LIKE 'PGBOUNCER_%' AND statement LIKE '%weaver_%'").stream().mapToInt(Integer::parseInt).sum();
  }

  @Test
  void onNamesStatementsAndSeesNoErrorUnderConcurrencyWithMetadataAndBatches() throws Exception {
    try (LogCapture logs = new LogCapture(); RoleAwareDataSource ds = NamedStatementWork.workerPool(stack, "on")) {
      String confirmed = NamedStatementWork.firstUse(ds, logs, "), and safe: the probe saw");

      NamedStatementWork.Outcome select = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::select);
      NamedStatementWork.Outcome metadata = NamedStatementWork.run(ds, 8, 1_000,
          NamedStatementWork::selectAfterMetaData);
      NamedStatementWork.Outcome batches = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::batch);
      System.out.printf("PgBouncer %s, max_prepared_statements 200, on: errors select %s, getMetaData %s, batches %s"
          + "%n", stack.pgbouncerVersion(), select.errorsBySqlState(), metadata.errorsBySqlState(),
          batches.errorsBySqlState());

      assertThat(confirmed).startsWith("weaver-worker - server-side prepared statements on "
          + "(WORKER_DATABASE_PREPARED_STATEMENTS=on), and safe: the probe saw 127.0.0.1:"
          + stack.port(Endpoint.TRANSACTION) + "/weaver keep named statements from one server connection to the next");
      assertThat(select.errors()).as("%s", select).isZero();
      assertThat(metadata.errors()).as("%s", metadata).isZero();
      assertThat(batches.errors()).as("%s", batches).isZero();
      assertThat(select.thresholds()).as("prepareThreshold of every borrowed connection").containsOnlyKeys(5);
      assertThat(pgbouncerStatementsOnServers()).as("statements PgBouncer prepared on the servers").isPositive();
      assertThat(logs.messages(Level.WARN)).isEmpty();
    }
  }

  @Test
  void autoTurnsThemOnOnceTheProbeSeesThePoolerKeepThem() throws Exception {
    try (LogCapture logs = new LogCapture(); RoleAwareDataSource ds = NamedStatementWork.workerPool(stack, "auto")) {
      assertThat(ds.plan(DbRole.WORKER).serverPreparedStatements()).isFalse();
      String turnedOn = NamedStatementWork.firstUse(ds, logs, "server-side prepared statements turned on");

      NamedStatementWork.Outcome select = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::select);
      NamedStatementWork.Outcome metadata = NamedStatementWork.run(ds, 8, 1_000,
          NamedStatementWork::selectAfterMetaData);
      NamedStatementWork.Outcome batches = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::batch);
      System.out.printf("PgBouncer %s, max_prepared_statements 200, auto: errors select %s, getMetaData %s, "
          + "batches %s; thresholds %s%n", stack.pgbouncerVersion(), select.errorsBySqlState(),
          metadata.errorsBySqlState(), batches.errorsBySqlState(), select.thresholds());

      assertThat(turnedOn).startsWith("weaver-worker - server-side prepared statements turned on "
          + "(WORKER_DATABASE_PREPARED_STATEMENTS=auto)");
      assertThat(select.errors() + metadata.errors() + batches.errors()).isZero();
      assertThat(metadata.thresholds()).as("connections opened before the probe were replaced").containsOnlyKeys(5);
      assertThat(logs.messages(Level.WARN)).isEmpty();
    }
  }

  @Test
  void theProbeSeesThemKeptAndTheDoctorMeasuresTheGain() {
    PoolerProbe.Result result = PoolerProbe.probe(UrlParser.parse(stack.url(Endpoint.TRANSACTION), "URL"), true);
    assertThat(result.namedStatements()).isEqualTo(PoolerProbe.NamedStatements.KEPT);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Doctor.run(new String[] {"doctor", "--json"}, Map.of("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction"),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String json = out.toString(StandardCharsets.UTF_8);
    System.out.println("doctor on PgBouncer " + stack.pgbouncerVersion() + ": " + json);

    assertThat(code).as(json).isEqualTo(Doctor.OK);
    assertThat(json).contains("\"namedStatements\":\"NOT_APPLICABLE\"").contains("\"namedStatements\":\"KEPT\"")
        .containsPattern("\"namingGain\":[0-9.]+").contains("WORKER_DATABASE_PREPARED_STATEMENTS=auto turns them on");
  }
}
