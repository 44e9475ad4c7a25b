package io.weaver.dbrouting.test.internal;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.test.PoolerUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** The devstack's {@link PoolerStack}: the machine's (or embedded) PostgreSQL and its PgBouncer, on loopback. */
final class LocalPoolers implements Poolers {

  private final PoolerStack stack;
  private final PoolerUrls urls;

  LocalPoolers(PoolerStack stack) {
    this.stack = stack;
    this.urls = new PoolerUrls(stack.url(Endpoint.SESSION), stack.url(Endpoint.TRANSACTION),
        stack.url(Endpoint.DIRECT));
  }

  @Override
  public PoolerUrls urls() {
    return urls;
  }

  @Override
  public int transactionPoolSize() {
    return PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE;
  }

  @Override
  public Connection connectTransaction(Properties extra) throws SQLException {
    return stack.connect(Endpoint.TRANSACTION, extra);
  }

  @Override
  public String description() {
    return stack.description();
  }

  @Override
  public void close() {
    stack.close();
  }
}
