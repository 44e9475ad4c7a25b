package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.internal.diagnostics.DoctorReport;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import org.junit.jupiter.api.Test;

/** Verdicts, exit-code precedence and JSON of the doctor's report, from made-up probe results. */
class DoctorReportTests {
  private static final RolePlan SESSION_PLAN = new RolePlan(DbRole.API, PoolMode.SESSION, "port 5432 \"quoted\"", false,
      "db:5432/app", 1, 2, PreparedStatements.ON, true, 300, "weaver-api", 1, null);
  private static final RolePlan TRANSACTION_PLAN = new RolePlan(DbRole.WORKER, PoolMode.TRANSACTION, "port 6543",
      false, "db:6543/app", 1, 2, PreparedStatements.OFF, false, 60, "weaver-worker", 1, null);

  private static PoolerProbe.Result seen(PoolerProbe.Behaviour behaviour) {
    return new PoolerProbe.Result(PoolerProbe.Stop.NONE, "", 1, 1, "15", "in use", 0.5, true, behaviour,
        behaviour == PoolerProbe.Behaviour.KEEPS_SESSION ? PoolerProbe.NamedStatements.NOT_APPLICABLE
            : PoolerProbe.NamedStatements.LOST, null);
  }

  private static PoolerProbe.Result stopped(PoolerProbe.Stop stop) {
    return new PoolerProbe.Result(stop, "detail", 1, 0, null, null, 0, null, null, null, null);
  }

  @Test
  void consistentEndpointsExitZero() {
    DoctorReport report = new DoctorReport();
    report.add(SESSION_PLAN, seen(PoolerProbe.Behaviour.KEEPS_SESSION));
    report.add(TRANSACTION_PLAN, seen(PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS));

    assertThat(report.exitCode().code()).isEqualTo(Doctor.OK);
  }

  @Test
  void theWorstFindingDecidesTheExitCode() {
    DoctorReport report = new DoctorReport();
    report.add(SESSION_PLAN, seen(PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS));
    assertThat(report.exitCode().code()).isEqualTo(Doctor.MISMATCH);
    report.add(TRANSACTION_PLAN, stopped(PoolerProbe.Stop.TCP));
    assertThat(report.exitCode().code()).isEqualTo(Doctor.UNREACHABLE);
    report.add(TRANSACTION_PLAN, stopped(PoolerProbe.Stop.AUTHENTICATION));
    assertThat(report.exitCode().code()).isEqualTo(Doctor.LOGIN_FAILED);
    report.add(TRANSACTION_PLAN, stopped(PoolerProbe.Stop.CONNECTION));
    assertThat(report.exitCode().code()).isEqualTo(Doctor.FAILED);
  }

  @Test
  void jsonEscapesText() {
    DoctorReport report = new DoctorReport();
    report.add(SESSION_PLAN, seen(PoolerProbe.Behaviour.KEEPS_SESSION));

    assertThat(report.json()).contains("\"modeReason\":\"port 5432 \\\"quoted\\\"\"")
        .contains("\"poolerInFront\":true").contains("\"verdict\":\"OK\"").startsWith("{\"exitCode\":0,");
  }
}
