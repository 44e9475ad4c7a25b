package io.weaver.dbrouting.internal.connection;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Where one pool's connections come from: pgjdbc's driver, called directly. The JDBC URL holds no secret (pgjdbc's own
 * logging prints it); user, password and {@code sslpassword} travel as connection properties. On a transaction-mode
 * pool each connection comes wrapped so that no JDBC call leaves session state behind ({@link
 * TransactionScopedConnection}); whether it names server-side statements follows the pool's {@link StatementNaming}
 * switch at the moment it opens. A failed attempt is reported to {@code failures} (the role's diagnostics) and
 * rethrown naming the pool, its mode and endpoint, with the driver's SQLSTATE and exception as cause.
 */
public final class DriverConnectionSource implements DataSource {
  private static final java.sql.Driver PGJDBC = new Driver();

  private final java.sql.Driver driver;
  private final String poolName;
  private final String description;
  private final String jdbcUrl;
  private final Properties properties;
  private final boolean transactionMode;
  private final Consumer<SQLException> failures;
  private final StatementNaming naming;
  private volatile int loginTimeoutSeconds;
  private volatile @Nullable PrintWriter logWriter;

  /**
   * Connections for one pool.
   *
   * @param description the pool's mode and endpoint for messages, e.g. {@code mode transaction, endpoint h:6543/db}
   * @param properties every connection property, secrets included; copied
   * @param driverClassName HikariCP's {@code driverClassName} if one was set (a test or benchmark driver), else
   *     {@code null} for pgjdbc
   * @param naming decides each new connection's {@code prepareThreshold}
   */
  public DriverConnectionSource(String poolName, String description, String jdbcUrl, Properties properties,
      @Nullable String driverClassName, boolean transactionMode, Consumer<SQLException> failures,
      StatementNaming naming) {
    this.driver = driverClassName == null || driverClassName.equals(Driver.class.getName()) ? PGJDBC
        : instantiate(driverClassName);
    this.poolName = poolName;
    this.description = description;
    this.jdbcUrl = jdbcUrl;
    this.properties = new Properties();
    this.properties.putAll(properties);
    this.transactionMode = transactionMode;
    this.failures = failures;
    this.naming = naming;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return open(properties);
  }

  /** HikariCP passes the pool's user and password here. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties withCredentials = new Properties();
    withCredentials.putAll(properties);
    if (username != null) {
      withCredentials.setProperty(PGProperty.USER.getName(), username);
    }
    if (password != null) {
      withCredentials.setProperty(PGProperty.PASSWORD.getName(), password);
    }
    return open(withCredentials);
  }

  private Connection open(Properties given) throws SQLException {
    Properties connection = naming.apply(given);
    int loginTimeout = loginTimeoutSeconds;
    if (loginTimeout > 0 && !given.containsKey(PGProperty.LOGIN_TIMEOUT.getName())) {
      connection.setProperty(PGProperty.LOGIN_TIMEOUT.getName(), Integer.toString(loginTimeout));
    }
    Connection opened;
    try {
      opened = driver.connect(jdbcUrl, connection);
      if (opened == null) {
        throw new SQLException("pgjdbc does not accept the URL " + jdbcUrl, "08001");
      }
    } catch (SQLException e) {
      failures.accept(e);
      throw new SQLException(poolName + " (" + description + ") cannot connect: " + e.getMessage(), e.getSQLState(), e);
    }
    if (!transactionMode) {
      return opened;
    }
    try {
      return new TransactionScopedConnection(opened, poolName);
    } catch (SQLException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private static java.sql.Driver instantiate(String className) {
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(className, true,
          loader != null ? loader : DriverConnectionSource.class.getClassLoader());
      return (java.sql.Driver) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("driverClassName " + className + " is not a JDBC driver with a public "
          + "no-argument constructor", e);
    }
  }

  /** HikariCP sets its {@code connectionTimeout} here; it becomes pgjdbc's {@code loginTimeout}. */
  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return Logger.getLogger("org.postgresql");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException(getClass().getSimpleName() + " is not a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /** The pool, its mode and endpoint; never a credential. */
  @Override
  public String toString() {
    return poolName + " connections (" + description + ")";
  }
}
