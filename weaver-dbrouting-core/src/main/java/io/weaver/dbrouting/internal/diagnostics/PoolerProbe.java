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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

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

  /** The statement the probe names; its text finds it in {@code pg_prepared_statements} for the clean-up. */
  static final String NAMED_PROBE = "SELECT pg_backend_pid() /* weaver named statement probe */";

  /** A query with planning work (five catalogue joins) and a cheap execution, for the gain. */
  static final String PLANNED_QUERY = "SELECT count(*) FROM pg_catalog.pg_class c "
      + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
      + "LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      + "LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid "
      + "LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0 "
      + "WHERE c.relname = ? AND n.nspname = 'pg_catalog' /* weaver planning probe */";

  /** Executions each way when measuring the gain, after as many again to warm up. */
  static final int GAIN_EXECUTIONS = 300;

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
      @Nullable NamedStatements named = observed.behaviour() == Behaviour.KEEPS_SESSION ? NamedStatements.NOT_APPLICABLE
          : observed.connectionsUsable() ? namedStatements(a, b) : null;
      @Nullable Double gain = named == NamedStatements.KEPT && measureGain ? namingGain(a) : null;
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
   * Up to three rounds of: A executes a statement pgjdbc names at its first execution and notes the server, B opens a
   * transaction, A executes it again inside a transaction of its own. Once A ran on another server the answer is in: executed there (kept), or not
   * found / clashing with one of the same name (lost). A lost statement stays on the server where A prepared it,
   * which B normally holds then, so B deallocates it there; a kept one belongs to the pooler, which prepared it under
   * its own name and closes it with its server connection.
   */
  private static @Nullable NamedStatements namedStatements(Connection a, Connection b) throws SQLException {
    try (PreparedStatement named = a.prepareStatement(NAMED_PROBE)) {
      named.unwrap(PGStatement.class).setPrepareThreshold(1);
      for (int round = 0; round < 3; round++) {
        int before;
        try {
          before = intQuery(named);
        } catch (SQLException e) {
          if (lost(e)) { // a statement of the same name was left on this server by someone else
            return NamedStatements.LOST;
          }
          throw e;
        }
        b.setAutoCommit(false);
        a.setAutoCommit(false); // in a transaction, for in autocommit pgjdbc quietly prepares a lost statement again
        try {
          intQuery(b, "SELECT pg_backend_pid()");
          int after = intQuery(named);
          a.commit();
          if (after != before) {
            return NamedStatements.KEPT;
          }
        } catch (SQLException e) {
          if (!lost(e)) {
            throw e;
          }
          deallocateProbe(b);
          return NamedStatements.LOST;
        } finally {
          rollbackQuietly(a);
          rollbackQuietly(b);
        }
      }
      return null; // A never moved
    }
  }

  private static boolean lost(SQLException e) {
    return "26000".equals(e.getSQLState()) || "42P05".equals(e.getSQLState());
  }

  /** Deallocates the probe's named statement on {@code connection}'s server, if it is there. */
  private static void deallocateProbe(Connection connection) {
    try (PreparedStatement find = connection.prepareStatement(
        "SELECT name FROM pg_prepared_statements WHERE statement = ?")) {
      find.setString(1, NAMED_PROBE);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        execute(connection, "DEALLOCATE \"" + name.replace("\"", "\"\"") + "\"");
      }
    } catch (SQLException e) {
      // a broken connection ends its server session's statements with it
    }
  }

  /**
   * Time of {@value #GAIN_EXECUTIONS} unnamed executions of {@link #PLANNED_QUERY} over the time of as many named
   * ones, each after as many again to warm up.
   */
  private static double namingGain(Connection connection) throws SQLException {
    long unnamed = timeExecutions(connection, 0);
    long named = timeExecutions(connection, 1);
    return named <= 0 ? 0 : (double) unnamed / named;
  }

  private static long timeExecutions(Connection connection, int prepareThreshold) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(PLANNED_QUERY)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(prepareThreshold);
      statement.setString(1, "pg_class");
      for (int i = 0; i < GAIN_EXECUTIONS; i++) {
        intQuery(statement);
      }
      long started = System.nanoTime();
      for (int i = 0; i < GAIN_EXECUTIONS; i++) {
        intQuery(statement);
      }
      return System.nanoTime() - started;
    }
  }

  private static int intQuery(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getInt(1);
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
    return new Result(stop, detail, dns, tcp, null, null, 0, null, null, null, null);
  }

  private static double millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000.0;
  }
}
