package io.weaver.dbrouting;

import io.weaver.dbrouting.internal.config.ResolvedRole;
import io.weaver.dbrouting.internal.config.RoleResolver;
import io.weaver.dbrouting.internal.config.SettingsInput;
import io.weaver.dbrouting.internal.diagnostics.DoctorReport;
import io.weaver.dbrouting.internal.diagnostics.ExitCode;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks each role's endpoint before it hurts: reachability, login, server, round trip, whether a pooler sits in
 * front, how it pools and whether it keeps named prepared statements across server connections (with what naming
 * them gains, measured), observed with two connections, compared with the mode and prepared statements setting the
 * library resolved.
 *
 * <pre>{@code
 * java -jar weaver-dbrouting-core.jar doctor [--json] [DATABASE_URL [WORKER_DATABASE_URL]]
 * }</pre>
 *
 * <p>It reads the same settings as {@link RoleAwareDataSource#fromEnvironment()}; URLs on the command line replace
 * {@code DATABASE_URL} and {@code WORKER_DATABASE_URL}. It never prints a password and opens at most two connections
 * per distinct endpoint and credentials, plus one plain socket for the reachability and TLS check. Exit codes (with
 * several findings, the first of 6, 5, 4, 3 that applies): 0 all consistent, 3 the observed pooling contradicts the
 * mode or the pool names statements the endpoint loses, 4 an endpoint does not resolve or accept connections, 5 authentication failed, 6 another connection failure,
 * 2 bad arguments or settings (constants below).
 * The JVM's own 1 means the doctor itself failed.
 */
public final class Doctor {
  /** Exit code: every endpoint behaves as its role's mode expects. */
  public static final int OK = ExitCode.OK.code();
  /** Exit code: bad arguments or settings. */
  public static final int USAGE = ExitCode.USAGE.code();
  /** Exit code: the observed pooling contradicts a role's mode. */
  public static final int MISMATCH = ExitCode.MISMATCH.code();
  /** Exit code: an endpoint does not resolve or accept connections. */
  public static final int UNREACHABLE = ExitCode.UNREACHABLE.code();
  /** Exit code: authentication failed. */
  public static final int LOGIN_FAILED = ExitCode.LOGIN_FAILED.code();
  /** Exit code: another connection failure. */
  public static final int FAILED = ExitCode.FAILED.code();

  private Doctor() {}

  /** {@code java -jar weaver-dbrouting-core-VERSION.jar doctor [--json] [DATABASE_URL [WORKER_DATABASE_URL]]}. */
  public static void main(String[] args) {
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR"); // no "no SLF4J providers" notice on a plain java -jar
    }
    System.exit(run(args, System.getenv(), System.out));
  }

  /** Runs the checks and prints the report; returns the exit code. */
  public static int run(String[] args, Map<String, String> environment, PrintStream out) {
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.isEmpty() && rest.get(0).equals("doctor")) {
      rest.remove(0);
    }
    boolean json = rest.remove("--json");
    String apiUrl = Setting.URL.variable(DbRole.API);
    String workerUrl = Setting.URL.variable(DbRole.WORKER);
    if (rest.size() > 2 || rest.stream().anyMatch(a -> a.startsWith("-"))) {
      out.println("usage: doctor [--json] [" + apiUrl + " [" + workerUrl + "]]");
      return USAGE;
    }
    Map<String, String> env = new HashMap<>(environment);
    if (!rest.isEmpty()) {
      env.put(apiUrl, rest.get(0));
      env.remove(workerUrl);
    }
    if (rest.size() == 2) {
      env.put(workerUrl, rest.get(1));
    }

    Map<DbRole, ResolvedRole> roles;
    Map<DbRole, RolePlan> plans;
    try {
      SettingsInput input = new SettingsInput();
      input.environment(env::get, variable -> variable);
      roles = RoleResolver.resolve(input);
      plans = Wiring.plans(roles);
    } catch (InvalidSettingException e) {
      out.println(e.getMessage());
      return USAGE;
    }

    Map<String, PoolerProbe.Result> byEndpoint = new HashMap<>();
    DoctorReport report = new DoctorReport();
    for (DbRole role : DbRole.values()) {
      ParsedUrl url = Wiring.get(roles, role).url();
      String key = url + "|" + Objects.hashCode(url.password()); // same endpoint, same credentials
      PoolerProbe.Result result = byEndpoint.computeIfAbsent(key, unused -> PoolerProbe.probe(url, true));
      report.add(Wiring.get(plans, role), result);
    }
    out.print(json ? report.json() : report.table());
    return report.exitCode().code();
  }
}
