package io.weaver.dbrouting.internal.connection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A JDBC driver for the wrapper's pure logic: its connections record every call and answer from settable state
 * (transaction state, auto-commit, the server's isolation level), and their statements record the SQL they run. The
 * real behaviour is proven on PostgreSQL and PgBouncer by the integration tests; this one counts calls.
 */
public final class RecordingDriver implements Driver {
  /** Every connection this driver opened, with what it was given. */
  static final List<Recording> OPENED = Collections.synchronizedList(new ArrayList<>());

  /** One stub connection: its calls, the SQL its statements ran, and the state it answers with. */
  static final class Recording implements InvocationHandler {
    final String url;
    final Properties properties;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> sql = Collections.synchronizedList(new ArrayList<>());
    volatile TransactionState state = TransactionState.IDLE;
    volatile boolean autoCommit = true;
    volatile SQLException failNextSql;
    final Connection connection;

    Recording(String url, Properties properties) {
      this.url = url;
      this.properties = properties;
      this.connection = (Connection) Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(),
          new Class<?>[] {Connection.class, BaseConnection.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      calls.add(name);
      return switch (name) {
        case "getTransactionState" -> state;
        case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
        case "getAutoCommit" -> autoCommit;
        case "setAutoCommit" -> {
          autoCommit = (Boolean) args[0];
          yield null;
        }
        case "createStatement", "prepareStatement", "prepareCall" -> statement(proxy);
        case "getMetaData" -> Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> {
              calls.add("metadata." + m.getName());
              return m.getReturnType() == boolean.class ? true : null;
            });
        case "getClientInfo" -> args != null && args.length == 1 ? "weaver-worker" : new Properties();
        case "unwrap" -> proxy;
        case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "recording connection";
        default -> Values.of(method.getReturnType());
      };
    }

    private Object statement(Object owner) {
      return Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(),
          new Class<?>[] {java.sql.CallableStatement.class}, (p, m, a) -> {
            String name = m.getName();
            if (name.startsWith("execute")) {
              if (failNextSql != null) {
                SQLException failure = failNextSql;
                failNextSql = null;
                throw failure;
              }
              sql.add(a != null && a.length > 0 ? String.valueOf(a[0]) : "(prepared)");
              if (!autoCommit && state == TransactionState.IDLE) {
                state = TransactionState.OPEN; // pgjdbc sends BEGIN before the first statement
              }
            }
            return switch (name) {
              case "getConnection" -> owner;
              case "unwrap" -> p;
              case "isWrapperFor" -> ((Class<?>) a[0]).isInstance(p);
              case "toString" -> "recording statement";
              case "equals" -> p == a[0];
              case "hashCode" -> System.identityHashCode(p);
              default -> Values.of(m.getReturnType());
            };
          });
    }

    Statement anyStatement() throws SQLException {
      return connection.createStatement();
    }
  }

  /** Called through {@code driverClassName}. */
  public RecordingDriver() {}

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url.contains("refuse")) {
      throw new SQLException("Connection to " + url + " refused", "08001");
    }
    Recording recording = new Recording(url, info);
    OPENED.add(recording);
    return recording.connection;
  }

  @Override
  public boolean acceptsURL(String url) {
    return true;
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
  public Logger getParentLogger() {
    return Logger.getLogger("recording");
  }

  /** A recognisable answer per return type, so that a call that does not pass it on shows. */
  static final class Values {
    private static final java.util.Map<Class<?>, Object> ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();

    private Values() {}

    /** The same answer for the same type, every time. */
    static Object of(Class<?> type) {
      if (type.isInterface()) {
        return ANSWERS.computeIfAbsent(type, Values::answer);
      }
      return answer(type);
    }

    private static Object answer(Class<?> type) {
      if (type == void.class) {
        return null;
      }
      if (type == boolean.class) {
        return true;
      }
      if (type == int.class) {
        return 42;
      }
      if (type == long.class) {
        return 42L;
      }
      if (type == String.class) {
        return "answer";
      }
      if (type.isInterface()) {
        return Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(), new Class<?>[] {type},
            (p, m, a) -> m.getName().equals("toString") ? "answer" : m.getName().equals("hashCode") ? 1
                : m.getName().equals("equals") ? p == a[0] : null);
      }
      return null;
    }
  }
}
