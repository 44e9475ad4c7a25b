package io.weaver.dbrouting.internal.connection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Statements and metadata of a {@link TransactionScopedConnection}: each call that may run SQL first lets the connection
 * start its transaction with the right isolation level. A statement runs SQL in its {@code execute...} methods; metadata
 * in almost every method, so every metadata call counts. Proxies keep every interface pgjdbc's object has
 * ({@code PGStatement}, ...), so {@code unwrap} and casts work as they do on pgjdbc's own objects.
 */
final class Guarded implements InvocationHandler {
  /** The interfaces of each pgjdbc class, computed once per class. */
  private static final ClassValue<Class<?>[]> INTERFACES = new ClassValue<>() {
    @Override
    protected Class<?>[] computeValue(Class<?> type) {
      Set<Class<?>> all = new LinkedHashSet<>();
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Class<?> i : c.getInterfaces()) {
          all.add(i);
        }
      }
      return all.toArray(new Class<?>[0]);
    }
  };

  /** Calls that never run SQL, on statements and metadata alike. */
  private static final Set<String> PLAIN = Set.of("unwrap", "isWrapperFor", "toString", "close", "isClosed");

  private final Object target;
  private final TransactionScopedConnection connection;
  private final boolean everyCallMayRunSql;

  private Guarded(Object target, TransactionScopedConnection connection, boolean everyCallMayRunSql) {
    this.target = target;
    this.connection = connection;
    this.everyCallMayRunSql = everyCallMayRunSql;
  }

  static Statement statement(Statement statement, TransactionScopedConnection connection) {
    return (Statement) proxy(statement, new Guarded(statement, connection, false));
  }

  static DatabaseMetaData metaData(DatabaseMetaData metaData, TransactionScopedConnection connection) {
    return (DatabaseMetaData) proxy(metaData, new Guarded(metaData, connection, true));
  }

  private static Object proxy(Object target, Guarded handler) {
    Class<?> type = target.getClass();
    return Proxy.newProxyInstance(type.getClassLoader(), INTERFACES.get(type), handler);
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
    String name = method.getName();
    int arguments = method.getParameterCount();
    if (name.equals("equals") && arguments == 1) {
      return args != null && proxy == args[0];
    }
    if (name.equals("hashCode") && arguments == 0) {
      return System.identityHashCode(proxy);
    }
    if (name.equals("getConnection") && arguments == 0) {
      return connection;
    }
    if ((everyCallMayRunSql && !PLAIN.contains(name)) || name.startsWith("execute")) {
      connection.beforeWork();
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
