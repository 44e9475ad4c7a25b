package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.internal.diagnostics.DoctorReport;
import io.weaver.dbrouting.internal.diagnostics.ExitCode;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import org.junit.jupiter.api.Test;

/** Every row of the doctor's table and every field of its JSON, for an endpoint it could log in to. */
class DoctorReportRowsTests {
  private static final RolePlan WORKER = new RolePlan(DbRole.WORKER, PoolMode.TRANSACTION, "port 6543", false,
      "db:6543/app", 1, 2, false, 60, "weaver-worker", 1, null);

  private static PoolerProbe.Result seen(Boolean poolerInFront, Boolean survive) {
    return new PoolerProbe.Result(PoolerProbe.Stop.NONE, "", 1.25, 2.5, "15.18", "in use (sslmode=require)", 0.75,
        poolerInFront, PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS, survive);
  }

  @Test
  void theTableShowsEachStepOfASuccessfulProbe() {
    DoctorReport report = new DoctorReport();
    report.add(WORKER, seen(true, false));

    assertThat(report.table()).isEqualTo("""
        weaver-worker  db:6543/app
          mode         TRANSACTION (port 6543)
          reachable    yes (DNS 1.3 ms, TCP 2.5 ms)
          login        ok, PostgreSQL 15.18
          TLS          in use (sslmode=require)
          round trip   0.75 ms
          pooler       in front
          observed     moves between server connections (transaction pooling)
          named stmts  lost between transactions (needs prepareThreshold=0)
          verdict      OK

        """);
    assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void unknownPoolerAndUncheckedStatementsAreSaidSo() {
    DoctorReport direct = new DoctorReport();
    direct.add(WORKER, seen(false, true));
    DoctorReport unknown = new DoctorReport();
    unknown.add(WORKER, seen(null, null));

    assertThat(direct.table()).contains("pooler       none (direct)")
        .contains("named stmts  survive from one transaction to the next");
    assertThat(unknown.table()).contains("pooler       unknown").contains("named stmts  not checked");
  }

  @Test
  void theJsonHasEveryFigure() {
    DoctorReport report = new DoctorReport();
    report.add(WORKER, seen(true, false));

    assertThat(report.json()).isEqualTo("{\"exitCode\":0,\"roles\":[{\"pool\":\"weaver-worker\",\"endpoint\":"
        + "\"db:6543/app\",\"mode\":\"TRANSACTION\",\"modeReason\":\"port 6543\",\"stop\":\"NONE\",\"stopDetail\":\"\","
        + "\"dnsMillis\":1.25,\"tcpMillis\":2.5,\"serverVersion\":\"15.18\",\"tls\":\"in use (sslmode=require)\","
        + "\"roundTripMillis\":0.75,\"poolerInFront\":true,\"observed\":\"MOVES_BETWEEN_TRANSACTIONS\","
        + "\"namedStatementsSurvive\":false,\"verdict\":\"OK\",\"fix\":\"\"}]}\n");
  }
}
