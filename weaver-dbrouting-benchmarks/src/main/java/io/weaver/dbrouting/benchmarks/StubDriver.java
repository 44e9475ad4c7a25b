package io.weaver.dbrouting.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A JDBC driver that needs no database: every {@code jdbc:postgresql:} URL connects at once to a proxy
 * {@link Connection} that answers what HikariCP asks when it opens, checks, hands out and takes back a connection.
 * The benchmarks then measure pool and routing overhead only.
 *
 * <p>The pools instantiate this class themselves (through HikariCP's {@code driverClassName}), so it needs a public no-argument
 * constructor and is not registered with {@code DriverManager}.
 */
public final class StubDriver implements Driver {
  private static final String PREFIX = "jdbc:postgresql:";
  private static final AtomicInteger CONNECTS = new AtomicInteger();

  /** Called by HikariCP's {@code DriverDataSource}. */
  public StubDriver() {}

  /** How many connections all StubDrivers have opened in this JVM. */
  public static int connects() {
    return CONNECTS.get();
  }

  /** The URL a stub connection was opened with, or {@code null} if {@code connection} is not a stub connection. */
  public static @Nullable String urlOf(Connection connection) throws SQLException {
    // HikariCP's proxy hands out its delegate; a transaction-mode pool's wrapper hands out the driver's connection
    Connection raw = connection.unwrap(Connection.class);
    if (!Proxy.isProxyClass(raw.getClass()) && raw.isWrapperFor(BaseConnection.class)) {
      raw = raw.unwrap(BaseConnection.class);
    }
    if (Proxy.isProxyClass(raw.getClass()) && Proxy.getInvocationHandler(raw) instanceof StubConnection stub) {
      return stub.url;
    }
    return null;
  }

  @Override
  public @Nullable Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    CONNECTS.incrementAndGet();
    return (Connection) Proxy.newProxyInstance(StubDriver.class.getClassLoader(),
        new Class<?>[] {Connection.class, BaseConnection.class}, new StubConnection(url));
  }

  @Override
  public boolean acceptsURL(@Nullable String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("StubDriver does not log");
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** The zero, false or null a method of this return type answers when the stub has nothing to say. */
  private static @Nullable Object defaultValue(Class<?> type) {
    if (!type.isPrimitive() || type == void.class) {
      return null;
    }
    return DEFAULTS.get(type);
  }

  private static final Map<Class<?>, Object> DEFAULTS = Map.of(boolean.class, false, byte.class, (byte) 0,
      short.class, (short) 0, char.class, '\0', int.class, 0, long.class, 0L, float.class, 0f, double.class, 0d);

  /** Answers for the proxy {@link Connection}; anything not listed returns its type's default. */
  private static final class StubConnection implements InvocationHandler {
    final String url;
    private volatile boolean closed;
    private volatile boolean autoCommit = true;
    private volatile boolean readOnly;
    private volatile int isolation = Connection.TRANSACTION_READ_COMMITTED;

    StubConnection(String url) {
      this.url = url;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
      return switch (method.getName()) {
        case "close" -> {
          closed = true;
          yield null;
        }
        case "isClosed" -> closed;
        case "isValid" -> !closed;
        case "getAutoCommit" -> autoCommit;
        case "setAutoCommit" -> {
          autoCommit = (Boolean) args[0];
          yield null;
        }
        case "isReadOnly" -> readOnly;
        case "setReadOnly" -> {
          readOnly = (Boolean) args[0];
          yield null;
        }
        case "getTransactionState" -> autoCommit ? TransactionState.IDLE : TransactionState.OPEN;
        case "getTransactionIsolation" -> isolation;
        case "setTransactionIsolation" -> {
          isolation = (Integer) args[0];
          yield null;
        }
        case "getNetworkTimeout" -> 0;
        case "createStatement" -> proxy(Statement.class, new StubStatement(proxy));
        case "unwrap" -> unwrap(proxy, (Class<?>) args[0]);
        case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "StubConnection[" + url + (closed ? ", closed" : "") + "]";
        // getCatalog, getSchema, getWarnings -> null; clearWarnings, commit, rollback, setNetworkTimeout -> no-op
        default -> defaultValue(method.getReturnType());
      };
    }
  }

  /** Answers for the proxy {@link Statement} of {@link StubConnection#invoke createStatement}. */
  private static final class StubStatement implements InvocationHandler {
    private final Object connection;
    private volatile boolean closed;

    StubStatement(Object connection) {
      this.connection = connection;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
      return switch (method.getName()) {
        case "close" -> {
          closed = true;
          yield null;
        }
        case "isClosed" -> closed;
        case "execute" -> false;
        case "getConnection" -> connection;
        case "unwrap" -> unwrap(proxy, (Class<?>) args[0]);
        case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "StubStatement" + (closed ? "[closed]" : "");
        default -> defaultValue(method.getReturnType());
      };
    }
  }

  private static Object unwrap(Object proxy, Class<?> iface) throws SQLException {
    if (iface.isInstance(proxy)) {
      return proxy;
    }
    throw new SQLException("stub " + proxy + " is not a " + iface.getName());
  }
}
