package io.weaver.dbrouting;

/** How the pooler in front of PostgreSQL hands out server connections, which decides how a pool is set up. */
public enum PoolMode {
  /**
   * One server connection for the whole client session (Supabase port 5432, a direct connection, PgBouncer
   * {@code pool_mode=session}). Server-side prepared statements and session settings are safe.
   */
  SESSION,
  /**
   * A server connection only for the length of one transaction (Supabase port 6543, PgBouncer
   * {@code pool_mode=transaction}). The driver must never name a server-side statement, and nothing may set session
   * state.
   */
  TRANSACTION
}
