package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.internal.diagnostics.DoctorReport;
import io.weaver.dbrouting.internal.diagnostics.ExitCode;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import org.junit.jupiter.api.Test;

/** Every row of the doctor's table and every field of its JSON, for an endpoint it could log in to. */
class DoctorReportRowsTests {
  private static final RolePlan WORKER = new RolePlan(DbRole.WORKER, PoolMode.TRANSACTION, "port 6543", false,
      "db:6543/app", 1, 2, PreparedStatements.OFF, false, 60, "weaver-worker", 1, null);

  private static PoolerProbe.Result seen(Boolean poolerInFront, PoolerProbe.NamedStatements named) {
    return new PoolerProbe.Result(PoolerProbe.Stop.NONE, "", 1.25, 2.5, "15.18", "in use (sslmode=require)", 0.75,
        poolerInFront, PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS, named,
        named == PoolerProbe.NamedStatements.KEPT ? 1.5 : null);
  }

  @Test
  void theTableShowsEachStepOfASuccessfulProbe() {
    DoctorReport report = new DoctorReport();
    report.add(WORKER, seen(true, PoolerProbe.NamedStatements.LOST));

    assertThat(report.table()).isEqualTo("""
        weaver-worker  db:6543/app
          mode         TRANSACTION (port 6543)
          reachable    yes (DNS 1.3 ms, TCP 2.5 ms)
          login        ok, PostgreSQL 15.18
          TLS          in use (sslmode=require)
          round trip   0.75 ms
          pooler       in front
          observed     moves between server connections (transaction pooling)
          named stmts  lost between server connections (needs prepareThreshold=0)
          prepared     off (WORKER_DATABASE_PREPARED_STATEMENTS in effect)
          verdict      OK

        """);
    assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void unknownPoolerAndUncheckedStatementsAreSaidSo() {
    DoctorReport direct = new DoctorReport();
    direct.add(WORKER, seen(false, PoolerProbe.NamedStatements.KEPT));
    DoctorReport unknown = new DoctorReport();
    unknown.add(WORKER, seen(null, null));

    assertThat(direct.table()).contains("pooler       none (direct)")
        .contains("named stmts  kept by the pooler across server connections; naming them ran a query that needs "
            + "planning 1.50x as fast")
        .contains("verdict      OK: server-side prepared statements are off, and this pooler keeps them: "
            + "WORKER_DATABASE_PREPARED_STATEMENTS=auto turns them on where a probe confirms it");
    assertThat(unknown.table()).contains("pooler       unknown").contains("named stmts  not checked");
  }

  @Test
  void aPoolThatNamesStatementsTheEndpointLosesIsAMismatchWithTheFix() {
    RolePlan on = new RolePlan(DbRole.WORKER, PoolMode.TRANSACTION, "port 6543", false, "db:6543/app", 1, 2,
        PreparedStatements.ON, true, 60, "weaver-worker", 1, null);
    DoctorReport report = new DoctorReport();
    report.add(on, seen(true, PoolerProbe.NamedStatements.LOST));

    assertThat(report.exitCode()).isEqualTo(ExitCode.MISMATCH);
    assertThat(report.table()).contains("verdict      MISMATCH: this endpoint loses named statements between server "
        + "connections, but the pool names them: set WORKER_DATABASE_PREPARED_STATEMENTS=auto or off");
  }

  @Test
  void theJsonHasEveryFigure() {
    DoctorReport report = new DoctorReport();
    report.add(WORKER, seen(true, PoolerProbe.NamedStatements.LOST));

    assertThat(report.json()).isEqualTo("{\"exitCode\":0,\"roles\":[{\"pool\":\"weaver-worker\",\"endpoint\":"
        + "\"db:6543/app\",\"mode\":\"TRANSACTION\",\"modeReason\":\"port 6543\",\"stop\":\"NONE\",\"stopDetail\":\"\","
        + "\"dnsMillis\":1.25,\"tcpMillis\":2.5,\"serverVersion\":\"15.18\",\"tls\":\"in use (sslmode=require)\","
        + "\"roundTripMillis\":0.75,\"poolerInFront\":true,\"observed\":\"MOVES_BETWEEN_TRANSACTIONS\","
        + "\"namedStatements\":\"LOST\",\"namingGain\":null,\"preparedStatements\":\"OFF\","
        + "\"verdict\":\"OK\",\"fix\":\"\"}]}\n");
  }
}
