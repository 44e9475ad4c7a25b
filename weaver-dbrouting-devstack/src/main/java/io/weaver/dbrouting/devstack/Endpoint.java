package io.weaver.dbrouting.devstack;

/** The three ways into the test database that {@link PoolerStack} offers. */
public enum Endpoint {
  /** PostgreSQL itself, no pooler in between. */
  DIRECT,
  /** PgBouncer with {@code pool_mode=session}: one server connection per client for the client's whole life. */
  SESSION,
  /**
   * PgBouncer with {@code pool_mode=transaction}, on a free port unless {@link PoolerStack.Options#transactionPort()}
   * names one: clients say the mode, the port does not.
   */
  TRANSACTION
}
