package io.weaver.dbrouting;

/**
 * Whether a role's pool lets pgjdbc name server-side prepared statements (default: {@link #ON} in session mode,
 * {@link #OFF} in transaction mode). Named statements skip parsing and planning on repeated executions; behind a
 * transaction pooler they work only where the pooler keeps them across server connections (PgBouncer 1.21+ with
 * {@code max_prepared_statements} above 0, the default of 200 since 1.24). A pool with them on that meets
 * {@code prepared statement "S_n" does not exist} (SQLSTATE 26000) or {@code ... already exists} (42P05) logs one WARN
 * and stops naming statements on new connections.
 */
public enum PreparedStatements {
  /** Never name a statement ({@code prepareThreshold=0}). */
  OFF,
  /**
   * Name statements as pgjdbc does by default ({@code prepareThreshold=5}, or the connection string's own value); on a
   * transaction-mode pool the first use probes the pooler and logs whether it keeps them.
   */
  ON,
  /**
   * In session mode the same as {@link #ON}; in transaction mode off until the first use probes the pooler and sees it
   * keep named statements from one server connection to the next, then on.
   */
  AUTO
}
