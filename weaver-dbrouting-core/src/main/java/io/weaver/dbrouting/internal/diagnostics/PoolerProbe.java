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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Looks at an endpoint the way the pools will use it, with at most two connections: can it be reached and logged in
 * to, what answers, and does it pool by transaction. With client B holding a transaction open, client A runs a
 * statement again: a session-mode pooler or a direct connection keeps A's server session, a transaction pooler moves
 * A to another one (PgBouncer hands B the server A just released). The same sequence shows whether a named
 * server-side statement survives from one transaction to the next.
 */
public final class PoolerProbe {
  /** What the endpoint did. */
  public enum Behaviour { KEEPS_SESSION, MOVES_BETWEEN_TRANSACTIONS }

  /** Why the probe stopped early, if it did. */
  public enum Stop { NONE, DNS, TCP, AUTHENTICATION, CONNECTION }

  /** Everything the probe saw. Times are in milliseconds; fields after a stop are empty. */
  public record Result(Stop stop, String stopDetail, double dnsMillis, double tcpMillis,
      @Nullable String serverVersion, @Nullable String tls, double roundTripMillis, @Nullable Boolean poolerInFront,
      @Nullable Behaviour behaviour, @Nullable Boolean namedStatementsSurvive) {}

  private PoolerProbe() {}

  /** Probes the endpoint of {@code url} (its first host) with the credentials and parameters it carries. */
  public static Result probe(ParsedUrl url) {
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
    return probe(first.host(), first.port(), JdbcUrlWriter.base(url), properties);
  }

  /**
   * Probes one endpoint: DNS, TCP and TLS offer, login, then how it pools, with at most two connections.
   *
   * @param host the first host of the endpoint
   * @param port its port
   * @param jdbcUrl the pgjdbc URL of the endpoint
   * @param properties user, password and pgjdbc properties; statements are unnamed unless a step names one
   */
  public static Result probe(String host, int port, String jdbcUrl, Properties properties) {
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
        acceptsTls = acceptsTls(socket);
      } catch (java.io.IOException e) {
        acceptsTls = null; // connected, but no answer to the TLS request
      }
    } catch (java.io.IOException e) {
      return stopped(Stop.TCP, "nothing accepts connections on " + host + ":" + port + " (" + e.getMessage() + ")",
          dns, 0);
    }
    String tls = tls(properties.getProperty("sslmode"), acceptsTls);

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
      int serverPort = intQuery(a, "SELECT coalesce(inet_server_port(), 0)");
      @Nullable Boolean poolerInFront = serverPort == 0 ? null : serverPort != port;

      Observation observed = observe(a, b);
      @Nullable Boolean survive = observed.connectionsUsable() ? namedStatementSurvives(a, b) : null;
      return new Result(Stop.NONE, "", dns, tcp, version, tls, roundTrip, poolerInFront, observed.behaviour(),
          survive);
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
      int before = intQuery(a, "SELECT pg_backend_pid()");
      b.setAutoCommit(false);
      int held;
      try {
        held = intQuery(b, "SELECT pg_backend_pid()");
      } catch (SQLException e) {
        // B found no server although A is idle: A keeps its server between statements
        return new Observation(Behaviour.KEEPS_SESSION, false);
      }
      try {
        int after = intQuery(a, "SELECT pg_backend_pid()");
        if (after != before || held == before) {
          return new Observation(Behaviour.MOVES_BETWEEN_TRANSACTIONS, true);
        }
      } catch (SQLException e) {
        // A found no server while B's transaction held the only one: A had given its server back
        return new Observation(Behaviour.MOVES_BETWEEN_TRANSACTIONS, false);
      } finally {
        rollbackQuietly(b);
      }
    }
    return new Observation(Behaviour.KEEPS_SESSION, true);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // a connection broken by a timeout has nothing to roll back
    }
  }

  /**
   * Prepares a named statement on A, lets B take A's server, and executes it again on A; where it is lost, B (now on
   * that server) deallocates it, so nothing is left behind.
   */
  private static Boolean namedStatementSurvives(Connection a, Connection b) throws SQLException {
    String name = "weaver_doctor_" + Long.toHexString(System.nanoTime());
    execute(a, "PREPARE " + name + " AS SELECT 1");
    b.setAutoCommit(false);
    intQuery(b, "SELECT 1");
    try {
      execute(a, "EXECUTE " + name);
      execute(a, "DEALLOCATE " + name);
      return true;
    } catch (SQLException e) {
      if (!"26000".equals(e.getSQLState())) {
        throw e;
      }
      try {
        execute(b, "DEALLOCATE " + name);
      } catch (SQLException notThere) {
        // B got another server; the statement ends with that server connection
      }
      return false;
    } finally {
      b.rollback();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Sends PostgreSQL's SSLRequest: {@code S} means the endpoint speaks TLS, {@code N} that it does not. */
  private static @Nullable Boolean acceptsTls(Socket socket) throws java.io.IOException {
    socket.setSoTimeout(5_000);
    java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
    out.writeInt(8);
    out.writeInt(80877103);
    out.flush();
    int answer = socket.getInputStream().read();
    return answer == 'S' ? Boolean.TRUE : answer == 'N' ? Boolean.FALSE : null;
  }

  /** Whether pgjdbc's connections use TLS, from the sslmode asked for and what the endpoint offers. */
  private static String tls(@Nullable String sslMode, @Nullable Boolean acceptsTls) {
    String mode = sslMode == null ? "prefer" : sslMode; // pgjdbc's own ssl=true without sslmode means verify-full
    if (mode.equals("disable")) {
      return "not in use (sslmode=disable)";
    }
    if (acceptsTls == null) {
      return "unknown (the endpoint did not answer the TLS request; sslmode=" + mode + ")";
    }
    if (acceptsTls) {
      return mode.equals("allow") ? "not in use: sslmode=allow tries plain text first (the endpoint offers TLS)"
          : "in use (sslmode=" + mode + ", the endpoint offers TLS)";
    }
    return "not in use: the endpoint does not offer TLS (sslmode=" + mode + ")";
  }

  private static double roundTrip(Connection connection) throws SQLException {
    double[] times = new double[5];
    for (int i = 0; i < times.length; i++) {
      long started = System.nanoTime();
      intQuery(connection, "SELECT 1");
      times[i] = millisSince(started);
    }
    Arrays.sort(times);
    return times[times.length / 2];
  }

  private static int intQuery(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Result stopped(Stop stop, String detail, double dns, double tcp) {
    return new Result(stop, detail, dns, tcp, null, null, 0, null, null, null);
  }

  private static double millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000.0;
  }
}
