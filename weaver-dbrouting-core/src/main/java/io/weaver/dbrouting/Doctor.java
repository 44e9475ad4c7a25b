package io.weaver.dbrouting;

import io.weaver.dbrouting.internal.diagnostics.DoctorReport;
import io.weaver.dbrouting.internal.diagnostics.PoolerProbe;
import io.weaver.dbrouting.internal.url.HostPort;
import io.weaver.dbrouting.internal.url.JdbcUrlWriter;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Checks each role's endpoint before it hurts: reachability, login, server, round trip, whether a pooler sits in
 * front, and how it pools, observed with two connections, compared with the mode the library resolved.
 *
 * <pre>{@code
 * java -jar weaver-dbrouting-core.jar doctor [--json] [DATABASE_URL [WORKER_DATABASE_URL]]
 * }</pre>
 *
 * <p>It reads the same settings as {@link RoleAwareDataSource#fromEnvironment()}; URLs on the command line replace
 * {@code DATABASE_URL} and {@code WORKER_DATABASE_URL}. It never prints a password and opens at most two connections
 * per distinct endpoint and credentials, plus one plain socket for the reachability and TLS check. Exit codes (with
 * several findings, the first of 6, 5, 4, 3 that applies): {@value #OK} all consistent, {@value #MISMATCH} the observed pooling contradicts
 * the mode, {@value #UNREACHABLE} an endpoint does not resolve or accept connections, {@value #LOGIN_FAILED}
 * authentication failed, {@value #FAILED} another connection failure, {@value #USAGE} bad arguments or settings.
 * The JVM's own 1 means the doctor itself failed.
 */
public final class Doctor {
  public static final int OK = 0;
  public static final int USAGE = 2;
  public static final int MISMATCH = 3;
  public static final int UNREACHABLE = 4;
  public static final int LOGIN_FAILED = 5;
  public static final int FAILED = 6;

  private Doctor() {}

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
    if (rest.size() > 2 || rest.stream().anyMatch(a -> a.startsWith("-"))) {
      out.println("usage: doctor [--json] [DATABASE_URL [WORKER_DATABASE_URL]]");
      return USAGE;
    }
    Map<String, String> env = new HashMap<>(environment);
    if (!rest.isEmpty()) {
      env.put("DATABASE_URL", rest.get(0));
      env.remove("WORKER_DATABASE_URL");
    }
    if (rest.size() == 2) {
      env.put("WORKER_DATABASE_URL", rest.get(1));
    }

    Map<DbRole, RolePlan> plans = new EnumMap<>(DbRole.class);
    Map<DbRole, ParsedUrl> urls = new EnumMap<>(DbRole.class);
    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(env)) {
      for (DbRole role : DbRole.values()) {
        plans.put(role, ds.plan(role));
        String variable = role == DbRole.WORKER && !ds.plan(role).fellBack() ? "WORKER_DATABASE_URL" : "DATABASE_URL";
        urls.put(role, DatabaseUrl.parse(env.get(variable), variable).parsed());
      }
    } catch (InvalidSettingException e) {
      out.println(e.getMessage());
      return USAGE;
    }

    Map<String, PoolerProbe.Result> byEndpoint = new HashMap<>();
    DoctorReport report = new DoctorReport();
    for (DbRole role : DbRole.values()) {
      ParsedUrl url = urls.get(role);
      String key = url + "|" + java.util.Objects.hashCode(url.password()); // same endpoint, same credentials
      PoolerProbe.Result result = byEndpoint.computeIfAbsent(key, unused -> probe(url));
      report.add(plans.get(role), result);
    }
    out.print(json ? report.json() : report.table());
    return report.exitCode();
  }

  /** Probes one endpoint with the credentials and parameters of its URL. */
  static PoolerProbe.Result probe(ParsedUrl url) {
    Properties properties = new Properties();
    url.properties().forEach(properties::setProperty);
    url.secretProperties().forEach(properties::setProperty);
    properties.setProperty("user", url.user());
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    HostPort first = url.hosts().get(0);
    return PoolerProbe.probe(first.host(), first.port(), JdbcUrlWriter.base(url), properties);
  }
}
