package io.weaver.dbrouting.test.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Proves that no server connection of the transaction pooler carries session state: holds one client transaction
 * per server connection at once (so that the pooler must hand each client a different one), reads in each what a
 * previous client could have left, and cleans up what it found, so that one leaky test fails alone.
 *
 * <p>Its own clients name no statement ({@code prepareThreshold=0}) and take nothing that outlives their
 * transactions, so they leave nothing behind either. Tests that run in parallel against the same stack would see each
 * other's state mid-test; the check assumes they do not.
 */
public final class LeakCheck {

  /** Settings the pooler itself sets on the server connection for each client (PgBouncer's tracked parameters). */
  static final Set<String> POOLER_MANAGED_SETTINGS = Set.of("application_name", "client_encoding", "datestyle",
      "timezone", "standard_conforming_strings");

  /**
   * Settings that every transaction starts afresh from their {@code default_transaction_*} counterparts, so they
   * cannot pass to the next client; {@code SET TRANSACTION} leaves their source at 'session'.
   */
  static final Set<String> PER_TRANSACTION_SETTINGS = Set.of("transaction_isolation", "transaction_read_only",
      "transaction_deferrable");

  /** One row per leftover: kind, name, detail. */
  static final String INSPECTION = String.join("\n",
      "SELECT 'SETTING', name, setting FROM pg_settings",
      "  WHERE source IN ('session', 'client') AND lower(name) NOT IN (" + quotedList(POOLER_MANAGED_SETTINGS) + ", "
          + quotedList(PER_TRANSACTION_SETTINGS) + ")",
      "UNION ALL SELECT CASE WHEN from_sql THEN 'SQL_PREPARED_STATEMENT' ELSE 'PROTOCOL_PREPARED_STATEMENT' END,",
      "  name, statement FROM pg_prepared_statements WHERE name NOT LIKE 'PGBOUNCER\\_%'",
      "UNION ALL SELECT 'ADVISORY_LOCK', CASE WHEN objsubid = 1",
      "    THEN ((classid::bigint << 32) | objid::bigint)::text",
      "    ELSE '(' || classid || ', ' || objid || ')' END, mode",
      "  FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted",
      "UNION ALL SELECT 'TEMPORARY_RELATION', relname::text, '' FROM pg_class",
      "  WHERE relnamespace = pg_my_temp_schema() AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')",
      "UNION ALL SELECT 'HELD_CURSOR', name, statement FROM pg_cursors WHERE is_holdable",
      "UNION ALL SELECT 'LISTEN_CHANNEL', channel, '' FROM pg_listening_channels() AS channel");

  private static final String SOCKET_TIMEOUT_SECONDS = "15";

  private LeakCheck() {
  }

  /** The state found on one server connection. */
  record ServerConnection(int backendPid, List<Leftover> leftovers) {
  }

  /**
   * Inspects every server connection of the transaction pooler and cleans up what it finds.
   *
   * @return the failure message, or null when every server connection was clean
   * @throws IllegalStateException when the pooler could not hand out one server connection per client at once
   */
  public static @Nullable String run(Poolers poolers) {
    List<ServerConnection> found = inspectAndClean(poolers);
    return LeakReport.message(found, poolers.transactionPoolSize());
  }

  static List<ServerConnection> inspectAndClean(Poolers poolers) {
    int size = poolers.transactionPoolSize();
    List<Connection> clients = new ArrayList<>();
    List<ServerConnection> found = new ArrayList<>();
    try {
      Set<Integer> pids = new LinkedHashSet<>();
      for (int i = 0; i < size; i++) {
        Connection client = poolers.connectTransaction(LeakCheckClient.properties(SOCKET_TIMEOUT_SECONDS));
        clients.add(client);
        client.setAutoCommit(false);
        int pid = backendPid(client);
        if (!pids.add(pid)) {
          throw new IllegalStateException("the transaction pooler gave two clients with open transactions the same "
              + "server connection (backend pid " + pid + "): it does not run in transaction mode");
        }
        found.add(new ServerConnection(pid, inspect(client)));
      }
      for (int i = 0; i < clients.size(); i++) {
        clean(clients.get(i), found.get(i).leftovers());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("weaver-dbrouting-test's leak check could hold only " + found.size() + " of "
          + size + " transactions through the transaction pooler at once (" + e.getMessage() + "). A connection of "
          + "the test's code that is still inside a transaction keeps a server connection busy; end transactions "
          + "before the test ends, or turn the check off with @PoolerStackTest(leakCheck = false)", e);
    } finally {
      for (Connection client : clients) {
        closeQuietly(client);
      }
    }
    return found;
  }

  private static int backendPid(Connection client) throws SQLException {
    try (Statement statement = client.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<Leftover> inspect(Connection client) throws SQLException {
    List<Leftover> leftovers = new ArrayList<>();
    try (Statement statement = client.createStatement(); ResultSet rs = statement.executeQuery(INSPECTION)) {
      while (rs.next()) {
        String detail = rs.getString(3);
        leftovers.add(new Leftover(Leftover.Kind.valueOf(rs.getString(1)), rs.getString(2),
            detail == null ? "" : detail));
      }
    }
    return leftovers;
  }

  /** Undoes {@code leftovers} inside the held transaction and commits; DISCARD ALL cannot run in a transaction. */
  private static void clean(Connection client, List<Leftover> leftovers) throws SQLException {
    if (leftovers.isEmpty()) {
      client.rollback();
      return;
    }
    Set<String> statements = new LinkedHashSet<>();
    for (Leftover leftover : leftovers) {
      statements.add(switch (leftover.kind()) {
        case SETTING -> "RESET " + identifier(leftover.name());
        case SQL_PREPARED_STATEMENT, PROTOCOL_PREPARED_STATEMENT -> "DEALLOCATE " + identifier(leftover.name());
        case ADVISORY_LOCK -> "SELECT pg_advisory_unlock_all()";
        case TEMPORARY_RELATION -> "DISCARD TEMP";
        case HELD_CURSOR -> "CLOSE " + identifier(leftover.name());
        case LISTEN_CHANNEL -> "UNLISTEN " + identifier(leftover.name());
      });
    }
    try (Statement statement = client.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    client.commit();
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String quotedList(Set<String> names) {
    return names.stream().sorted().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("''");
  }

  private static void closeQuietly(Connection client) {
    try {
      client.close();
    } catch (SQLException ignored) {
      // the check's verdict stands; a failed close only loses this client
    }
  }
}
