package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The doctor against each kind of endpoint of the real stack. */
@WithPoolerStack
class DoctorIT {
  private final PoolerStack stack;

  DoctorIT(PoolerStack stack) {
    this.stack = stack;
  }

  private record Run(int exitCode, String output) {}

  private Run doctor(String... keysAndValues) {
    return doctorWith(false, keysAndValues);
  }

  private Run doctorWith(boolean json, String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = json ? new String[] {"doctor", "--json"} : new String[] {"doctor"};
    int code = Doctor.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8));
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(output).doesNotContain(PoolerStack.PASSWORD).doesNotContain("p%40ss");
    return new Run(code, output);
  }

  @Test
  void sessionAndTransactionPoolersMatchTheirResolvedModes() {
    Run run = doctor("DATABASE_URL", stack.url(Endpoint.SESSION), "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION),
        "WORKER_DATABASE_POOL_MODE", "transaction");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(Doctor.OK);
    assertThat(run.output())
        .contains("keeps its server session between transactions")
        .contains("moves between server connections (transaction pooling)")
        .contains("named stmts  not applicable (the endpoint keeps each client's server session)")
        .contains(stack.keepsPreparedStatements() ? "named stmts  kept by the pooler across server connections; "
            + "naming them ran a query that needs planning " : "named stmts  lost between server connections "
            + "(needs prepareThreshold=0)")
        .contains("pooler       in front")
        .contains("verdict      OK");
  }

  @Test
  void aDirectConnectionKeepsItsSessionWithNoPoolerInFront() {
    Run run = doctor("DATABASE_URL", stack.url(Endpoint.DIRECT));

    assertThat(run.exitCode()).as(run.output()).isEqualTo(Doctor.OK);
    assertThat(run.output()).contains("pooler       none (direct)").contains("login        ok, PostgreSQL 1")
        .contains("TLS          not in use: the endpoint does not offer TLS (sslmode=prefer)");
  }

  @Test
  void aTransactionPoolerTakenForSessionModeIsAMismatchWithTheFix() {
    Run run = doctor("DATABASE_URL", stack.url(Endpoint.SESSION), "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION),
        "WORKER_DATABASE_POOL_MODE", "session");

    assertThat(run.exitCode()).isEqualTo(Doctor.MISMATCH);
    assertThat(run.output()).contains("verdict      MISMATCH: this endpoint pools by transaction: set "
        + "WORKER_DATABASE_POOL_MODE=transaction");
  }

  @Test
  void aSessionPoolerTakenForTransactionModeIsAMismatchWithTheFix() {
    Run run = doctorWith(true, "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_MODE", "transaction");

    assertThat(run.exitCode()).isEqualTo(Doctor.MISMATCH);
    assertThat(run.output()).startsWith("{\"exitCode\":3,").contains("\"observed\":\"KEEPS_SESSION\"")
        .contains("set DATABASE_POOL_MODE=session");
  }

  @Test
  void theFirstUseCheckWarnsOnceWhenTheEndpointContradictsTheMode() throws Exception {
    try (LogCapture logs = new LogCapture();
        RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(Map.of(
            "DATABASE_URL", stack.url(Endpoint.SESSION), "DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "0",
            "DATABASE_CHECK_POOL_MODE", "true",
            "WORKER_DATABASE_URL", stack.url(Endpoint.TRANSACTION), "WORKER_DATABASE_POOL_MODE", "session",
            "WORKER_DATABASE_POOL_SIZE", "1", "WORKER_DATABASE_MAX_OVERFLOW", "0",
            "WORKER_DATABASE_CHECK_POOL_MODE", "true"))) {
      RoleScope.call(DbRole.WORKER, () -> {
        ds.getConnection().close();
        return ds.getConnection();
      }).close();
      ds.getConnection().close();

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (logs.messages(ch.qos.logback.classic.Level.WARN).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      assertThat(logs.messages(ch.qos.logback.classic.Level.WARN)).filteredOn(m -> m.contains("pools by transaction"))
          .singleElement().asString()
          .startsWith("weaver-worker - the endpoint 127.0.0.1:" + stack.port(Endpoint.TRANSACTION) + "/weaver pools by transaction but the pool runs in "
              + "SESSION mode (WORKER_DATABASE_POOL_MODE=session). Fix: this endpoint pools by transaction: set "
              + "WORKER_DATABASE_POOL_MODE=transaction");
      assertThat(logs.messages(ch.qos.logback.classic.Level.INFO))
          .anySatisfy(m -> assertThat(m).startsWith("weaver-api - pool mode check: the endpoint"));
    }
  }

  @Test
  void aClosedPortIsUnreachable() {
    Run run = doctor("DATABASE_URL", "postgresql://weaver:pw@127.0.0.1:1/weaver");

    assertThat(run.exitCode()).isEqualTo(Doctor.UNREACHABLE);
    assertThat(run.output()).contains("reachable    no: nothing accepts connections on 127.0.0.1:1");
  }

  @Test
  void aWrongPasswordIsALoginFailure() {
    Run run = doctor("DATABASE_URL", "postgresql://weaver:wrong-secret@127.0.0.1:" + stack.port(Endpoint.SESSION)
        + "/weaver");

    assertThat(run.exitCode()).isEqualTo(Doctor.LOGIN_FAILED);
    assertThat(run.output()).contains("LOGIN FAILED").doesNotContain("wrong-secret");
  }
}
