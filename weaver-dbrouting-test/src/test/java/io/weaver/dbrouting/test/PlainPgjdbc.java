package io.weaver.dbrouting.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** A plain pgjdbc connection, with the driver's defaults, to one of the stack's {@code postgresql://} URLs. */
final class PlainPgjdbc {

  private PlainPgjdbc() {
  }

  static Connection connect(String url) throws SQLException {
    return connect(url, new Properties());
  }

  /** With {@code extra} driver properties on top of the login. */
  static Connection connect(String url, Properties extra) throws SQLException {
    try {
      URI uri = new URI(url);
      String userInfo = uri.getUserInfo();
      int colon = userInfo.indexOf(':');
      Properties login = new Properties();
      login.putAll(extra);
      login.setProperty("user", userInfo.substring(0, colon));
      login.setProperty("password", userInfo.substring(colon + 1));
      return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
          login);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL", e);
    }
  }

  /** Driver properties that name no server-side statement (pgjdbc even names its COMMIT otherwise). */
  static Properties unnamedStatements() {
    Properties properties = new Properties();
    properties.setProperty("prepareThreshold", "0");
    return properties;
  }

  /** Executes one parameterised query {@code times} times through one PreparedStatement. */
  static void executeRepeatedly(Connection c, String sqlWithOneIntParameter, int times) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sqlWithOneIntParameter)) {
      for (int i = 0; i < times; i++) {
        p.setInt(1, i);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
        }
      }
    }
  }

  /** Runs {@code sql} statements one after another in autocommit mode on one new connection. */
  static void run(String url, String... sql) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }
}
