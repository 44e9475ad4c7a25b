package io.weaver.dbrouting.devstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A throw-away PostgreSQL with TLS on ({@code ssl=on}), separate from any {@link PoolerStack}, for tests of
 * certificate checking. Its server certificate, for 127.0.0.1 and localhost, is signed by a throw-away CA
 * ({@link #caCertificate()}); {@link #otherCaCertificate()} is an unrelated CA, which a client with
 * {@code sslmode=verify-ca} or {@code verify-full} must refuse. Same user, password and database as the stack
 * ({@value PoolerStack#USER}, {@link PoolerStack#PASSWORD}, {@value PoolerStack#DATABASE}); plain connections are
 * accepted too (a client asks for TLS with {@code sslmode}).
 *
 * <pre>{@code
 * try (TlsPostgres tls = TlsPostgres.start()) {
 *   String url = tls.url() + "?sslmode=verify-full&sslrootcert=" + tls.caCertificate();
 * }
 * }</pre>
 *
 * <p>Needs {@code openssl} besides PostgreSQL. Everything lives in one {@code weaver-stack-*} directory, cleaned up
 * like the stack's: by {@link #close()}, a shutdown hook, or the watchdog when the JVM dies. The server key there is
 * owned by the user that runs PostgreSQL, mode 0600; the CA certificates are world-readable.
 */
public final class TlsPostgres implements AutoCloseable {

  private final StackDirectory directory;
  private final PostgresServer postgres;

  private TlsPostgres(StackDirectory directory, PostgresServer postgres) {
    this.directory = directory;
    this.postgres = postgres;
  }

  /**
   * Makes the certificates, starts PostgreSQL on a free port and waits until it accepts a login.
   *
   * @throws Exception when openssl or PostgreSQL is missing or fails; the message says which
   */
  public static TlsPostgres start() throws Exception {
    Programs programs = Programs.find(new PoolerStack.Options(false, 0, true, "", -1), ServiceUser.NAME);
    ServiceUser serviceUser = programs.serviceUser();
    StackDirectory directory = new StackDirectory("TlsPostgres");
    Path dir = directory.path();
    PostgresServer postgres = new PostgresServer(serviceUser, programs.pgBin, dir, Ports.free());
    TlsPostgres server = new TlsPostgres(directory, postgres);
    boolean started = false;
    try {
      postgres.preparePasswordFile();
      serviceUser.own(dir);
      directory.watch(postgres.pgCtl(), postgres::stop);
      CertificateAuthority.make(serviceUser, dir);
      postgres.initAndStart(Map.of(
          "ssl", "on",
          "ssl_cert_file", dir.resolve(CertificateAuthority.SERVER_CERTIFICATE).toString(),
          "ssl_key_file", dir.resolve(CertificateAuthority.SERVER_KEY).toString()));
      started = true;
      return server;
    } catch (Exception e) {
      StringBuilder logs = new StringBuilder();
      postgres.appendStartupLogs(logs);
      throw new IllegalStateException("TlsPostgres did not start: " + e.getMessage() + "\n" + logs, e);
    } finally {
      if (!started) {
        server.close();
      }
    }
  }

  /** {@code postgresql://weaver:<percent-encoded password>@127.0.0.1:<port>/weaver}, without {@code sslmode}. */
  public String url() {
    return ClientLogin.url(postgres.port());
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/weaver}, without credentials and without {@code sslmode}. */
  public String jdbcUrl() {
    return ClientLogin.jdbcUrl(postgres.port());
  }

  /** The port PostgreSQL listens on, on loopback. */
  public int port() {
    return postgres.port();
  }

  /** The PEM file of the CA that signed the server's certificate: {@code sslrootcert} for a client that trusts it. */
  public Path caCertificate() {
    return directory.path().resolve(CertificateAuthority.CA);
  }

  /** The PEM file of a CA that signed nothing here: {@code sslrootcert} for a client that must refuse the server. */
  public Path otherCaCertificate() {
    return directory.path().resolve(CertificateAuthority.OTHER_CA);
  }

  /** A pgjdbc connection as {@value PoolerStack#USER}; {@code extra} (e.g. {@code sslmode}) wins. */
  public Connection connect(Properties extra) throws SQLException {
    return postgres.login(PoolerStack.DATABASE, extra);
  }

  /** Stops PostgreSQL and deletes the directory. Calling it again does nothing. */
  @Override
  public void close() {
    directory.close();
  }
}
