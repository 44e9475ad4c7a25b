package io.weaver.dbrouting.internal.connection;

import java.sql.ClientInfoStatus;
import java.sql.SQLClientInfoException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;

/**
 * A JDBC call refused on a transaction-mode pool because it would set session state (SQLSTATE 0A000). The connection
 * itself is fine, so the pool must not evict it: {@link #isRefusal} tells the pool's exception override.
 */
public final class SessionStateRefused extends SQLFeatureNotSupportedException {
  private static final long serialVersionUID = 1L;
  private static final String FEATURE_NOT_SUPPORTED = "0A000";

  SessionStateRefused(String message) {
    super(message, FEATURE_NOT_SUPPORTED);
  }

  /** The same refusal where JDBC requires a {@link SQLClientInfoException}. */
  static final class ClientInfo extends SQLClientInfoException {
    private static final long serialVersionUID = 1L;

    ClientInfo(String message, Map<String, ClientInfoStatus> failed) {
      super(message, FEATURE_NOT_SUPPORTED, failed);
    }
  }

  /** True for the refusals of this package, which leave the connection usable. */
  public static boolean isRefusal(Throwable e) {
    return e instanceof SessionStateRefused || e instanceof ClientInfo;
  }
}
