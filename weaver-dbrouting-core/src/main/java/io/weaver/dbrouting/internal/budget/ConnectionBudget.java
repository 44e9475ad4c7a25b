package io.weaver.dbrouting.internal.budget;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.internal.url.HostPort;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How many client connections each endpoint can see: processes times maximumPoolSize, summed over the roles that
 * share the endpoint, against the endpoint's client limit when it is known.
 */
public final class ConnectionBudget {
  /** Supabase's session pooler: client slots are its pool_size, commonly 15 per user and database. */
  public static final int SUPABASE_SESSION_CLIENT_LIMIT = 15;

  /** One role's demand on its endpoint. */
  public record Demand(DbRole role, String endpoint, ParsedUrl url, int processes, int maximumPoolSize,
      @Nullable Integer clientLimit, String processesSetting, String limitSetting, String sizeSettings) {
    long clients() {
      return (long) processes * maximumPoolSize;
    }
  }

  /** An endpoint's total, with the arithmetic in words. */
  public record Line(String endpoint, List<Demand> demands, long clients, @Nullable Integer limit,
      @Nullable String limitSource) {
    public boolean over() {
      return limit != null && clients > limit;
    }

    /** True when the API role draws on this endpoint (then moving bursty work elsewhere helps). */
    public boolean servesApi() {
      return demands.stream().anyMatch(d -> d.role() == DbRole.API);
    }

    /** {@code 2 processes x 60 (weaver-api) = 120}, summed over the roles on this endpoint. */
    public String arithmetic() {
      StringBuilder out = new StringBuilder();
      for (Demand demand : demands) {
        out.append(out.length() == 0 ? "" : " + ").append(demand.processes())
            .append(demand.processes() == 1 ? " process x " : " processes x ").append(demand.maximumPoolSize())
            .append(" (").append(demand.role().poolName()).append(')');
      }
      return out + " = " + clients;
    }
  }

  private ConnectionBudget() {}

  /** Groups the demands by endpoint, in role order. */
  public static List<Line> lines(List<Demand> demands) {
    Map<String, List<Demand>> byEndpoint = new LinkedHashMap<>();
    for (Demand demand : demands) {
      byEndpoint.computeIfAbsent(demand.endpoint(), key -> new ArrayList<>()).add(demand);
    }
    List<Line> lines = new ArrayList<>();
    for (List<Demand> group : byEndpoint.values()) {
      long clients = group.stream().mapToLong(Demand::clients).sum();
      Integer limit = null;
      String source = null;
      for (Demand demand : group) {
        if (demand.clientLimit() != null && (limit == null || demand.clientLimit() < limit)) {
          limit = demand.clientLimit();
          source = demand.limitSetting();
        }
      }
      if (limit == null && isSupabaseSessionPooler(group.get(0).url())) {
        limit = SUPABASE_SESSION_CLIENT_LIMIT;
        source = "assumed for Supabase's session pooler; set " + group.get(0).limitSetting() + " if yours differs";
      }
      lines.add(new Line(group.get(0).endpoint(), group, clients, limit, source));
    }
    return lines;
  }

  /** The per-role client limit that applies, for {@code RolePlan}. */
  public static @Nullable Integer limitFor(DbRole role, List<Line> lines) {
    for (Line line : lines) {
      for (Demand demand : line.demands()) {
        if (demand.role() == role) {
          return line.limit();
        }
      }
    }
    return null;
  }

  static boolean isSupabaseSessionPooler(ParsedUrl url) {
    return url.hosts().stream().allMatch(h -> isSupabasePooler(h) && h.port() == 5432);
  }

  private static boolean isSupabasePooler(HostPort host) {
    return host.host().toLowerCase(Locale.ROOT).endsWith(".pooler.supabase.com");
  }
}
