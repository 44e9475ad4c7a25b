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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side prepared statements on a transaction pool behind a PgBouncer that loses them between server
 * connections (1.18, and 1.24 with {@code max_prepared_statements = 0}): {@code auto} keeps them off, a forced
 * {@code on} falls back after a few errors with one WARN, and the probe and doctor say "lost", leaving nothing behind.
 */
class LostPreparedStatementsIT {
  private static PoolerStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = OwnPoolerStack.start(PoolerStack.Options.forTests().withPgbouncerVersion("1.18"));
    NamedStatementWork.createTables(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static List<String> probeStatementsLeft(PoolerStack on) throws Exception {
    return on.onEveryTransactionServerConnection("SELECT count(*)::text FROM pg_prepared_statements "
        + "WHERE statement LIKE '%weaver named statement probe%'");
  }

  @Test
  void autoStaysOffAndSeesNoError() throws Exception {
    try (LogCapture logs = new LogCapture(); RoleAwareDataSource ds = NamedStatementWork.workerPool(stack, "auto")) {
      String verdict = NamedStatementWork.firstUse(ds, logs, "server-side prepared statements stay off");

      NamedStatementWork.Outcome select = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::select);
      System.out.printf("PgBouncer %s, auto: errors %s, thresholds %s%n", stack.pgbouncerVersion(),
          select.errorsBySqlState(), select.thresholds());

      assertThat(verdict).startsWith("weaver-worker - server-side prepared statements stay off "
          + "(WORKER_DATABASE_PREPARED_STATEMENTS=auto): the probe saw 127.0.0.1:" + stack.port(Endpoint.TRANSACTION)
          + "/weaver lose named statements between server connections");
      assertThat(select.errors()).as("%s", select).isZero();
      assertThat(select.thresholds()).containsOnlyKeys(0);
      assertThat(probeStatementsLeft(stack)).containsOnly("0");
    }
  }

  @Test
  void aForcedOnFallsBackAfterTheFirstLostStatementWithOneWarn() throws Exception {
    try (LogCapture logs = new LogCapture(); RoleAwareDataSource ds = NamedStatementWork.workerPool(stack, "on")) {
      String unconfirmed = NamedStatementWork.firstUse(ds, logs, "but no probe confirmed the pooler keeps them");

      NamedStatementWork.Outcome first = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::select);
      NamedStatementWork.Outcome later = NamedStatementWork.run(ds, 8, 1_000, NamedStatementWork::select);
      List<String> fallbacks = logs.messages(Level.WARN).stream().filter(m -> m.contains("was lost ("))
          .toList();
      System.out.printf("PgBouncer %s, on: first run errors %s (thresholds %s), later run errors %s (thresholds %s)"
          + "%n", stack.pgbouncerVersion(), first.errorsBySqlState(), first.thresholds(), later.errorsBySqlState(),
          later.thresholds());

      assertThat(unconfirmed).startsWith("weaver-worker - server-side prepared statements on "
          + "(WORKER_DATABASE_PREPARED_STATEMENTS=on), but no probe confirmed the pooler keeps them: it saw 127.0.0.1:"
          + stack.port(Endpoint.TRANSACTION) + "/weaver lose named statements between server connections");
      assertThat(first.errors()).as("named statements meet the pooler: %s", first).isPositive();
      assertThat(first.errorsBySqlState().keySet()).as("named-statement errors only").isSubsetOf("26000", "42P05",
          "08P01");
      assertThat(fallbacks).singleElement().asString()
          .startsWith("weaver-worker - a named server-side prepared statement was lost (SQLSTATE ")
          .contains("mode TRANSACTION (WORKER_DATABASE_POOL_MODE=transaction), endpoint 127.0.0.1:"
              + stack.port(Endpoint.TRANSACTION) + "/weaver")
          .contains("The pool stops naming them: new connections get prepareThreshold=0")
          .contains("Fix: set WORKER_DATABASE_PREPARED_STATEMENTS=off (or auto) for this endpoint");
      assertThat(logs.messages(Level.WARN)).filteredOn(m -> m.contains("met a pooler")).isEmpty();
      assertThat(later.errors()).as("%s", later).isZero();
      assertThat(later.thresholds()).as("every connection was replaced").containsOnlyKeys(0);
    }
  }

  @Test
  void theProbeAndTheDoctorSayLostAndLeaveNothingBehind() throws Exception {
    PoolerProbe.Result result = PoolerProbe.probe(UrlParser.parse(stack.url(Endpoint.TRANSACTION), "URL"), true);
    assertThat(result.namedStatements()).isEqualTo(PoolerProbe.NamedStatements.LOST);
    assertThat(result.namingGain()).isNull();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Doctor.run(new String[] {"doctor"}, Map.of("DATABASE_URL", stack.url(Endpoint.SESSION),
        "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "transaction"),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String table = out.toString(StandardCharsets.UTF_8);

    assertThat(code).as(table).isEqualTo(Doctor.OK);
    assertThat(table).contains("named stmts  not applicable (the endpoint keeps each client's server session)")
        .contains("named stmts  lost between server connections (needs prepareThreshold=0)");
    assertThat(probeStatementsLeft(stack)).containsOnly("0");

    ByteArrayOutputStream forced = new ByteArrayOutputStream();
    int mismatch = Doctor.run(new String[] {"doctor"}, Map.of("DATABASE_URL", stack.url(Endpoint.TRANSACTION),
        "DATABASE_POOL_MODE", "transaction", "DATABASE_PREPARED_STATEMENTS", "on"),
        new PrintStream(forced, true, StandardCharsets.UTF_8));
    assertThat(mismatch).isEqualTo(Doctor.MISMATCH);
    assertThat(forced.toString(StandardCharsets.UTF_8)).contains("verdict      MISMATCH: this endpoint loses named "
        + "statements between server connections, but the pool names them: set DATABASE_PREPARED_STATEMENTS=auto");
  }

  @Test
  void pgbouncer124WithoutPreparedStatementTrackingLosesThemToo() throws Exception {
    try (PoolerStack untracked = OwnPoolerStack.start(PoolerStack.Options.forTests().withPgbouncerVersion("1.24")
        .withMaxPreparedStatements(0))) {
      PoolerProbe.Result result = PoolerProbe.probe(UrlParser.parse(untracked.url(Endpoint.TRANSACTION), "URL"),
          true);

      assertThat(result.namedStatements()).isEqualTo(PoolerProbe.NamedStatements.LOST);
      assertThat(probeStatementsLeft(untracked)).containsOnly("0");
    }
  }
}
