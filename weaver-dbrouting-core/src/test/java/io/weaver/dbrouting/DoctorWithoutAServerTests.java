package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The doctor against endpoints that go no further than DNS, TCP or the first bytes: what it prints and the exit code.
 * Nothing here needs a database.
 */
class DoctorWithoutAServerTests {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private int run(Map<String, String> environment, String... args) {
    return Doctor.run(args, environment, out);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownOptionsAndMoreThanTwoUrlsPrintTheUsage() {
    assertThat(run(Map.of(), "doctor", "--verbose")).isEqualTo(Doctor.USAGE);
    assertThat(run(Map.of(), "a", "b", "c")).isEqualTo(Doctor.USAGE);
    assertThat(printed()).contains("usage: doctor [--json] [DATABASE_URL [WORKER_DATABASE_URL]]");
  }

  @Test
  void badSettingsPrintTheSettingErrorAndExitWithUsage() {
    assertThat(run(Map.of("DATABASE_URL", "mysql://u:pw@h/db"))).isEqualTo(Doctor.USAGE);
    assertThat(printed()).startsWith("DATABASE_URL: scheme \"mysql\" is not a PostgreSQL scheme");
    assertThat(Doctor.USAGE).isEqualTo(2);
  }

  @Test
  void aClosedPortIsUnreachable() {
    int code = run(Map.of("DATABASE_URL", "postgresql://app:Sup3rS3cret@127.0.0.1:1/app"));

    assertThat(code).isEqualTo(Doctor.UNREACHABLE).isEqualTo(4);
    assertThat(printed())
        .contains("weaver-api  127.0.0.1:1/app\n")
        .contains("weaver-worker  127.0.0.1:1/app\n")
        .containsPattern("  mode +SESSION \\(port 1 is not the transaction-mode port 6543")
        .containsPattern("  reachable +no: nothing accepts connections on 127.0.0.1:1 \\(")
        .containsPattern("  verdict +UNREACHABLE: check the host and port: nothing accepts connections")
        .doesNotContain("login")
        .doesNotContain("Sup3rS3cret");
  }

  @Test
  void anUnknownHostIsUnreachable() {
    int code = run(Map.of("DATABASE_URL", "postgresql://app:pw@no-such-host.invalid:5432/app"), "--json");

    assertThat(code).isEqualTo(Doctor.UNREACHABLE);
    assertThat(printed()).startsWith("{\"exitCode\":4,\"roles\":[{\"pool\":\"weaver-api\"")
        .contains("\"stop\":\"DNS\",\"stopDetail\":\"host no-such-host.invalid does not resolve\",\"dnsMillis\":0.0,"
            + "\"tcpMillis\":0.0,\"serverVersion\":null")
        .contains("\"verdict\":\"UNREACHABLE\"");
  }

  @Test
  void urlsOnTheCommandLineReplaceTheEnvironmentsAndTheFirstOneServesBothRolesAlone() {
    int code = run(Map.of("DATABASE_URL", "postgresql://app:pw@no-such-host.invalid/app",
        "WORKER_DATABASE_URL", "postgresql://app:pw@no-such-host.invalid/worker"),
        "doctor", "--json", "postgresql://app:pw@127.0.0.1:1/app");

    assertThat(code).isEqualTo(Doctor.UNREACHABLE);
    assertThat(printed()).doesNotContain("no-such-host").contains("\"endpoint\":\"127.0.0.1:1/app\"")
        .doesNotContain("/worker");
  }

  @Test
  void aSecondUrlOnTheCommandLineIsTheWorkers() {
    run(Map.of(), "postgresql://app:pw@127.0.0.1:1/app", "postgresql://app:pw@127.0.0.1:2/jobs");

    assertThat(printed()).contains("weaver-api  127.0.0.1:1/app\n").contains("weaver-worker  127.0.0.1:2/jobs\n");
  }

  /** An endpoint that accepts TCP and hangs up after the first request: reachable, but the connection fails. */
  @Test
  void anEndpointThatHangsUpIsAFailedConnection() throws Exception {
    try (HangingUpEndpoint endpoint = new HangingUpEndpoint()) {
      int code = run(Map.of("DATABASE_URL", "postgresql://app:pw@127.0.0.1:" + endpoint.port() + "/app"));

      assertThat(code).as(printed()).isEqualTo(Doctor.FAILED).isEqualTo(6);
      assertThat(printed())
          .containsPattern("  reachable +yes \\(DNS \\d+\\.\\d ms, TCP \\d+\\.\\d ms\\)")
          .containsPattern("  login +connection failed \\(SQLSTATE 08\\d\\d\\d\\)")
          .containsPattern("  verdict +FAILED: connection failed");
    }
  }
}
