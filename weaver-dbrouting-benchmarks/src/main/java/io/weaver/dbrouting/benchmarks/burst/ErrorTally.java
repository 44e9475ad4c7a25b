package io.weaver.dbrouting.benchmarks.burst;

import java.sql.SQLException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Failed statements counted by SQLSTATE. A pool that gave up waiting for a connection counts as {@value #POOL_TIMEOUT}
 * (HikariCP's timeout carries the SQLSTATE of the last failed login, if any, which would hide what happened); an
 * exception without SQLSTATE as {@value #NO_STATE}. Thread-safe.
 */
public final class ErrorTally {
  static final String POOL_TIMEOUT = "pool-timeout";
  static final String NO_STATE = "no-sqlstate";

  private final Map<String, Long> counts = new TreeMap<>();

  /** Counts one failure. */
  public void record(SQLException e) {
    String message = e.getMessage();
    String state = e.getSQLState();
    if (message != null && message.contains("Connection is not available, request timed out")) {
      add(POOL_TIMEOUT, 1);
    } else {
      add(state == null || state.isBlank() ? NO_STATE : state, 1);
    }
  }

  /** Adds {@code n} failures of {@code key}. */
  public synchronized void add(String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  /** Adds every count of {@code other}. */
  public void addAll(ErrorTally other) {
    other.counts().forEach(this::add);
  }

  public synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** SQLSTATE (or label) to count, in key order. */
  public synchronized Map<String, Long> counts() {
    return new TreeMap<>(counts);
  }

  /** {@code 26000=12;42P05=3}, or empty: for a result file and the CSV. */
  public String encode() {
    StringJoiner joined = new StringJoiner(";");
    counts().forEach((key, n) -> joined.add(key + "=" + n));
    return joined.toString();
  }

  /** Reads what {@link #encode()} wrote. */
  public static ErrorTally decode(String encoded) {
    ErrorTally tally = new ErrorTally();
    for (String entry : encoded.split(";", -1)) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        tally.add(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
      }
    }
    return tally;
  }

  /** {@code 26000 x12, 42P05 x3}, or {@code 0}: for the report's table. */
  public String describe() {
    StringJoiner joined = new StringJoiner(", ");
    counts().forEach((key, n) -> joined.add(key + " x" + n));
    return total() == 0 ? "0" : joined.toString();
  }
}
