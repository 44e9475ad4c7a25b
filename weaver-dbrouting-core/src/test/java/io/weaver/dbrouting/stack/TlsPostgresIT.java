package io.weaver.dbrouting.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.devstack.TlsPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS server proves its identity with the throw-away CA, and only with it. */
class TlsPostgresIT {
  private static TlsPostgres tls;

  @BeforeAll
  static void start() {
    try {
      tls = TlsPostgres.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StackUnavailable.skipOrFail("interrupted while starting TlsPostgres", e);
    } catch (Exception e) {
      throw StackUnavailable.skipOrFail("TlsPostgres (PostgreSQL + openssl) could not start: " + e.getMessage(), e);
    }
  }

  @AfterAll
  static void stop() {
    if (tls != null) {
      tls.close();
    }
  }

  @Test
  void verifyFullConnectsOverTlsWithTheRightCa() throws SQLException {
    try (Connection c = tls.connect(ssl("verify-full", tls.caCertificate()))) {
      assertThat(query(c, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("true");
      assertThat(query(c, "SELECT current_user")).isEqualTo(PoolerStack.USER);
    }
  }

  @Test
  void verifyFullRefusesTheServerWithAnUnrelatedCa() {
    assertThatThrownBy(() -> tls.connect(ssl("verify-full", tls.otherCaCertificate())).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SSL error")
        .hasStackTraceContaining("PKIX path");
  }

  @Test
  void urlsAndFilesFollowTheStacksConventions() throws Exception {
    URI uri = new URI(tls.url());
    assertThat(uri.getUserInfo()).isEqualTo(PoolerStack.USER + ":" + PoolerStack.PASSWORD);
    assertThat(uri.getPort()).isEqualTo(tls.port());
    assertThat(tls.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + tls.port() + "/" + PoolerStack.DATABASE);
    for (Path ca : new Path[] {tls.caCertificate(), tls.otherCaCertificate()}) {
      assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
    }
    Path key = tls.caCertificate().resolveSibling("server.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.getOwner(key).getName()).isIn("postgres", System.getProperty("user.name"));
  }

  private static Properties ssl(String mode, Path rootCertificate) {
    Properties properties = new Properties();
    properties.setProperty("sslmode", mode);
    properties.setProperty("sslrootcert", rootCertificate.toString());
    return properties;
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
