package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Properties;

/**
 * How a client logs in to an endpoint of a stack: as {@value PoolerStack#USER} with {@link PoolerStack#PASSWORD}, to
 * database {@value PoolerStack#DATABASE} on {@code 127.0.0.1}.
 */
final class ClientLogin {

  private ClientLogin() {
  }

  /** The user name and password, then {@code extra}, which wins. */
  static Properties credentials(Properties extra) {
    Properties props = new Properties();
    props.setProperty("user", PoolerStack.USER);
    props.setProperty("password", PoolerStack.PASSWORD);
    for (String name : extra.stringPropertyNames()) {
      props.setProperty(name, extra.getProperty(name));
    }
    return props;
  }

  /** {@code postgresql://weaver:<percent-encoded password>@127.0.0.1:<port>/weaver}. */
  static String url(int port) {
    return url(Ports.HOST, port);
  }

  /** {@code postgresql://weaver:<percent-encoded password>@<host>:<port>/weaver}. */
  static String url(String host, int port) {
    return "postgresql://" + percentEncode(PoolerStack.USER) + ":" + percentEncode(PoolerStack.PASSWORD) + "@"
        + host + ":" + port + "/" + percentEncode(PoolerStack.DATABASE);
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/weaver}, without credentials. */
  static String jdbcUrl(int port) {
    return jdbcUrl(port, PoolerStack.DATABASE);
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
  static String jdbcUrl(int port, String database) {
    return "jdbc:postgresql://" + Ports.HOST + ":" + port + "/" + database;
  }

  /** RFC 3986: everything but the unreserved characters, as UTF-8 bytes in %XX. */
  static String percentEncode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(UTF_8)) {
      int c = x & 0xff;
      boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (unreserved) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
