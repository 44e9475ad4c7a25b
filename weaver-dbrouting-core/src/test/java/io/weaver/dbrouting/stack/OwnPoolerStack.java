package io.weaver.dbrouting.stack;

import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.devstack.Ports;
import io.weaver.dbrouting.devstack.TlsPostgres;

/**
 * A {@link PoolerStack} for one test class alone, for tests that break it on purpose (frozen or restarted
 * processes) or need it on a fixed port; the caller closes it. When it cannot start, the test is aborted with the
 * reason, or fails when the environment variable {@code CI} is {@code true}, like {@link WithPoolerStack}.
 */
public final class OwnPoolerStack {

  private OwnPoolerStack() {
  }

  /** A stack on free ports. */
  public static PoolerStack start() {
    return start(PoolerStack.Options.forTests());
  }

  /**
   * A stack whose TRANSACTION PgBouncer listens on {@code port}. When something else holds that port (another
   * pooler, or another test run), the test is aborted saying so, or fails under {@code CI=true}.
   */
  public static PoolerStack withTransactionPort(int port) {
    if (!Ports.isFree(port)) {
      throw StackUnavailable.skipOrFail("port " + port + " on 127.0.0.1 is taken by another program, and this test "
          + "needs the transaction PgBouncer on exactly that port (free it, e.g. find the holder with "
          + "ss -ltnp 'sport = :" + port + "')", null);
    }
    return start(PoolerStack.Options.forTests().withTransactionPort(port));
  }

  /** A separate PostgreSQL with TLS on, for certificate tests; the caller closes it. */
  public static TlsPostgres tlsPostgres() {
    try {
      return TlsPostgres.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StackUnavailable.skipOrFail("interrupted while starting a TLS PostgreSQL", e);
    } catch (Exception e) {
      throw StackUnavailable.skipOrFail("a PostgreSQL with TLS (openssl, PostgreSQL) could not start: "
          + e.getMessage(), e);
    }
  }

  /** A stack with {@code options}, e.g. a given PgBouncer version and {@code max_prepared_statements}. */
  public static PoolerStack start(PoolerStack.Options options) {
    try {
      return PoolerStack.start(options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StackUnavailable.skipOrFail("interrupted while starting a PoolerStack", e);
    } catch (Exception e) {
      throw StackUnavailable.skipOrFail("PoolerStack (PostgreSQL + PgBouncer) could not start: " + e.getMessage(), e);
    }
  }
}
