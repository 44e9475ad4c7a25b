package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.internal.url.HostPort;
import io.weaver.dbrouting.internal.url.JdbcUrlWriter;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Looks at an endpoint the way the pools will use it, with at most two connections: can it be reached and logged in
 * to, what answers, and does it pool by transaction. With client B holding a transaction open, client A runs a
 * statement again: a session-mode pooler or a direct connection keeps A's server session, a transaction pooler moves
 * A to another one (PgBouncer hands B the server A just released). Where A moves, the same sequence shows whether a
 * statement pgjdbc named at the protocol level (Parse/Bind, as the pools' connections would) still executes on the
 * other server connection: lost (the pool needs {@code prepareThreshold=0}) or kept by the pooler (PgBouncer 1.21+
 * with {@code max_prepared_statements}); the doctor then measures what naming gains.
 */
public final class PoolerProbe {
  /** What the endpoint did. */
  public enum Behaviour { KEEPS_SESSION, MOVES_BETWEEN_TRANSACTIONS }

  /** What became of a statement pgjdbc named when its client moved to another server connection. */
  public enum NamedStatements {
    /** Not found there (SQLSTATE 26000) or clashing with one left there (42P05): the pool must not name any. */
    LOST,
    /** Executed there: the pooler prepares it again on each server connection. */
    KEPT,
    /** The endpoint keeps each client on its server session (session pooling or direct): nothing to lose. */
    NOT_APPLICABLE
  }

  /** Why the probe stopped early, if it did. */
  public enum Stop { NONE, DNS, TCP, AUTHENTICATION, CONNECTION }

  /**
   * Everything the probe saw. Times are in milliseconds; fields after a stop are empty.
   *
   * @param namedStatements {@code null} when not checked (a step could not run, or A never moved)
   * @param namingGain where named statements are kept and the gain was measured: time unnamed / time named for a
   *     query that needs planning, e.g. 1.4 for 40 % faster; else {@code null}
   */
  public record Result(Stop stop, String stopDetail, double dnsMillis, double tcpMillis,
      @Nullable String serverVersion, @Nullable String tls, double roundTripMillis, @Nullable Boolean poolerInFront,
      @Nullable Behaviour behaviour, @Nullable NamedStatements namedStatements, @Nullable Double namingGain) {}

  private PoolerProbe() {}

  /**
   * Probes the endpoint of {@code url} (its first host) with the credentials and parameters it carries.
   *
   * @param measureGain where named statements are kept, whether to measure what naming gains (a few hundred
   *     executions each way)
   */
  public static Result probe(ParsedUrl url, boolean measureGain) {
    Properties properties = new Properties();
    url.properties().forEach(properties::setProperty);
    url.secretProperties().forEach(properties::setProperty);
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    HostPort first = url.hosts().get(0);
    return probe(first.host(), first.port(), JdbcUrlWriter.base(url), properties, measureGain);
  }

  /**
   * Probes one endpoint: DNS, TCP and TLS offer, login, then how it pools, with at most two connections.
   *
   * @param host the first host of the endpoint
   * @param port its port
   * @param jdbcUrl the pgjdbc URL of the endpoint
   * @param properties user, password and pgjdbc properties; statements are unnamed unless a step names one
   * @param measureGain whether to measure what named statements gain where the pooler keeps them
   */
  public static Result probe(String host, int port, String jdbcUrl, Properties properties, boolean measureGain) {
    long started = System.nanoTime();
    try {
      InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return stopped(Stop.DNS, "host " + host + " does not resolve", 0, 0);
    }
    double dns = millisSince(started);
    started = System.nanoTime();
    @Nullable Boolean acceptsTls;
    double tcp;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      tcp = millisSince(started);
      try {
        acceptsTls = TlsOffer.acceptsTls(socket);
      } catch (java.io.IOException e) {
        acceptsTls = null; // connected, but no answer to the TLS request
      }
    } catch (java.io.IOException e) {
      return stopped(Stop.TCP, "nothing accepts connections on " + host + ":" + port + " (" + e.getMessage() + ")",
          dns, 0);
    }
    String tls = TlsOffer.describe(properties.getProperty("sslmode"), acceptsTls);

    Properties unnamed = new Properties();
    unnamed.putAll(properties);
    unnamed.setProperty("prepareThreshold", "0");
    unnamed.setProperty("ApplicationName", "weaver-doctor");
    unnamed.setProperty("assumeMinServerVersion", "12");
    unnamed.putIfAbsent("connectTimeout", "10");
    unnamed.setProperty("socketTimeout", "5"); // with no server to spare, one client would otherwise wait for the other
    try (Connection a = DriverManager.getConnection(jdbcUrl, unnamed);
        Connection b = DriverManager.getConnection(jdbcUrl, unnamed)) {
      String version = a.getMetaData().getDatabaseProductVersion();
      double roundTrip = roundTrip(a);
      int serverPort = ProbeJdbc.intQuery(a, "SELECT coalesce(inet_server_port(), 0)");
      @Nullable Boolean poolerInFront = serverPort == 0 ? null : serverPort != port;

      Observation observed = observe(a, b);
      @Nullable NamedStatements named = observed.behaviour() == Behaviour.KEEPS_SESSION ? NamedStatements.NOT_APPLICABLE
          : observed.connectionsUsable() ? NamedStatementCheck.namedStatements(a, b) : null;
      @Nullable Double gain = named == NamedStatements.KEPT && measureGain ? NamedStatementCheck.namingGain(a) : null;
      return new Result(Stop.NONE, "", dns, tcp, version, tls, roundTrip, poolerInFront, observed.behaviour(),
          named, gain);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      boolean authentication = state.startsWith("28") || String.valueOf(e.getMessage()).contains("authentication");
      KnownFailure.Match known = KnownFailure.of(e);
      String detail = (authentication ? "login refused" : "connection failed") + " (SQLSTATE " + state + ")"
          + (known == null ? "" : ": " + known.failure().meaning());
      return stopped(authentication ? Stop.AUTHENTICATION : Stop.CONNECTION, detail, dns, tcp);
    }
  }

  private record Observation(Behaviour behaviour, boolean connectionsUsable) {}

  /**
   * Up to three rounds of: A notes its server, B opens a transaction, A runs again. Any sign of A moving (another
   * server, or B holding A's previous one) is transaction pooling; a session-mode pooler or direct connection never
   * shows one. When a pooler has no server to spare, whoever waits shows which way it pools.
   */
  private static Observation observe(Connection a, Connection b) throws SQLException {
    for (int round = 0; round < 3; round++) {
      int before = ProbeJdbc.intQuery(a, "SELECT pg_backend_pid()");
      b.setAutoCommit(false);
      int held;
      try {
        held = ProbeJdbc.intQuery(b, "SELECT pg_backend_pid()");
      } catch (SQLException e) {
        // B found no server although A is idle: A keeps its server between statements
        return new Observation(Behaviour.KEEPS_SESSION, false);
      }
      try {
        int after = ProbeJdbc.intQuery(a, "SELECT pg_backend_pid()");
        if (after != before || held == before) {
          return new Observation(Behaviour.MOVES_BETWEEN_TRANSACTIONS, true);
        }
      } catch (SQLException e) {
        // A found no server while B's transaction held the only one: A had given its server back
        return new Observation(Behaviour.MOVES_BETWEEN_TRANSACTIONS, false);
      } finally {
        ProbeJdbc.rollbackQuietly(b);
      }
    }
    return new Observation(Behaviour.KEEPS_SESSION, true);
  }

  private static double roundTrip(Connection connection) throws SQLException {
    double[] times = new double[5];
    for (int i = 0; i < times.length; i++) {
      long started = System.nanoTime();
      ProbeJdbc.intQuery(connection, "SELECT 1");
      times[i] = millisSince(started);
    }
    Arrays.sort(times);
    return times[times.length / 2];
  }

  private static Result stopped(Stop stop, String detail, double dns, double tcp) {
    return new Result(stop, detail, dns, tcp, null, null, 0, null, null, null, null);
  }

  private static double millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000.0;
  }
}
