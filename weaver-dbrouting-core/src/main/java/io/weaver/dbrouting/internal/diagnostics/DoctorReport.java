package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The doctor's findings per role, as a table or JSON, with the verdict and exit code. */
public final class DoctorReport {
  private record Entry(RolePlan plan, PoolerProbe.Result result, String verdict, String fix, ExitCode code) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(RolePlan plan, PoolerProbe.Result result) {
    switch (result.stop()) {
      case DNS, TCP -> entries.add(new Entry(plan, result, "UNREACHABLE", "check the host and port: "
          + result.stopDetail(), ExitCode.UNREACHABLE));
      case AUTHENTICATION -> entries.add(new Entry(plan, result, "LOGIN FAILED", "check the user and password "
          + "(on Supabase's pooler the user is postgres.PROJECTREF): " + result.stopDetail(), ExitCode.LOGIN_FAILED));
      case CONNECTION -> entries.add(new Entry(plan, result, "FAILED", result.stopDetail(), ExitCode.FAILED));
      case NONE -> {
        String mismatch = ModeVerdict.mismatch(plan, result);
        if (mismatch == null) {
          mismatch = ModeVerdict.statementsMismatch(plan, result);
        }
        entries.add(mismatch == null ? new Entry(plan, result, "OK", hint(plan, result), ExitCode.OK)
            : new Entry(plan, result, "MISMATCH", mismatch, ExitCode.MISMATCH));
      }
      default -> throw new IllegalStateException("unknown stop " + result.stop());
    }
  }

  /** Where the pooler keeps named statements but the pool does not name any: how to turn them on. */
  private static String hint(RolePlan plan, PoolerProbe.Result result) {
    if (result.namedStatements() == PoolerProbe.NamedStatements.KEPT
        && plan.preparedStatements() == PreparedStatements.OFF) {
      return "server-side prepared statements are off, and this pooler keeps them: "
          + Setting.PREPARED_STATEMENTS.variable(plan.role()) + "=auto turns them on where a probe confirms it";
    }
    return "";
  }

  /** The worst finding: a failed connection, then failed login, unreachable, mismatch, else 0. */
  public ExitCode exitCode() {
    for (ExitCode code : new ExitCode[] {ExitCode.FAILED, ExitCode.LOGIN_FAILED, ExitCode.UNREACHABLE,
        ExitCode.MISMATCH}) {
      if (entries.stream().anyMatch(e -> e.code() == code)) {
        return code;
      }
    }
    return ExitCode.OK;
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    for (Entry entry : entries) {
      RolePlan plan = entry.plan();
      PoolerProbe.Result r = entry.result();
      out.append(plan.poolName()).append("  ").append(plan.endpoint()).append('\n');
      row(out, "mode", plan.mode() + " (" + plan.modeReason() + ")");
      row(out, "reachable", r.stop() == PoolerProbe.Stop.DNS ? "no: " + r.stopDetail()
          : r.stop() == PoolerProbe.Stop.TCP ? "no: " + r.stopDetail()
          : String.format(Locale.ROOT, "yes (DNS %.1f ms, TCP %.1f ms)", r.dnsMillis(), r.tcpMillis()));
      if (r.stop() == PoolerProbe.Stop.NONE) {
        row(out, "login", "ok, PostgreSQL " + r.serverVersion());
        row(out, "TLS", String.valueOf(r.tls()));
        row(out, "round trip", String.format(Locale.ROOT, "%.2f ms", r.roundTripMillis()));
        row(out, "pooler", r.poolerInFront() == null ? "unknown" : r.poolerInFront() ? "in front" : "none (direct)");
        row(out, "observed", r.behaviour() == PoolerProbe.Behaviour.KEEPS_SESSION
            ? "keeps its server session between transactions (session mode or direct)"
            : "moves between server connections (transaction pooling)");
        row(out, "named stmts", ModeVerdict.namedStatements(r));
        row(out, "prepared", plan.preparedStatements().name().toLowerCase(Locale.ROOT) + " ("
            + Setting.PREPARED_STATEMENTS.variable(plan.role()) + " in effect)");
      } else if (r.stop() != PoolerProbe.Stop.DNS && r.stop() != PoolerProbe.Stop.TCP) {
        row(out, "login", r.stopDetail());
      }
      row(out, "verdict", entry.verdict() + (entry.fix().isEmpty() ? "" : ": " + entry.fix()));
      out.append('\n');
    }
    return out.toString();
  }

  public String json() {
    List<String> roles = new ArrayList<>();
    for (Entry entry : entries) {
      PoolerProbe.Result r = entry.result();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("pool", entry.plan().poolName());
      fields.put("endpoint", entry.plan().endpoint());
      fields.put("mode", entry.plan().mode().name());
      fields.put("modeReason", entry.plan().modeReason());
      fields.put("stop", r.stop().name());
      fields.put("stopDetail", r.stopDetail());
      fields.put("dnsMillis", r.dnsMillis());
      fields.put("tcpMillis", r.tcpMillis());
      fields.put("serverVersion", r.serverVersion());
      fields.put("tls", r.tls());
      fields.put("roundTripMillis", r.roundTripMillis());
      fields.put("poolerInFront", r.poolerInFront());
      fields.put("observed", r.behaviour() == null ? null : r.behaviour().name());
      fields.put("namedStatements", r.namedStatements() == null ? null : r.namedStatements().name());
      fields.put("namingGain", r.namingGain());
      fields.put("preparedStatements", entry.plan().preparedStatements().name());
      fields.put("verdict", entry.verdict());
      fields.put("fix", entry.fix());
      List<String> pairs = new ArrayList<>();
      fields.forEach((key, value) -> pairs.add("\"" + key + "\":" + jsonValue(value)));
      roles.add("{" + String.join(",", pairs) + "}");
    }
    return "{\"exitCode\":" + exitCode().code() + ",\"roles\":[" + String.join(",", roles) + "]}\n";
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "  %-12s %s%n", label, value));
  }

  private static String jsonValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toString().toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
