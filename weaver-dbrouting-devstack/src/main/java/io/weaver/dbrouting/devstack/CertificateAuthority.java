package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A throw-away certificate authority made with {@code openssl}, and a server certificate it signs for 127.0.0.1 and
 * localhost; plus a second, unrelated CA for "wrong CA" tests. Valid for two days; the CA keys are deleted once
 * used, so nothing else can ever be signed by them.
 *
 * <p>Files, in the directory given: {@code ca.pem}, {@code other-ca.pem} (world-readable), {@code server.pem} and
 * {@code server.key} (mode 0600, owned by whoever runs openssl: the service user, who also runs PostgreSQL).
 */
final class CertificateAuthority {

  static final String CA = "ca.pem";
  static final String OTHER_CA = "other-ca.pem";
  static final String SERVER_CERTIFICATE = "server.pem";
  static final String SERVER_KEY = "server.key";

  private static final String CONFIG = """
      [req]
      distinguished_name = dn
      prompt = no
      [dn]
      CN = weaver-devstack
      [ca]
      basicConstraints = critical,CA:TRUE
      keyUsage = critical,keyCertSign,cRLSign
      subjectKeyIdentifier = hash
      [server]
      basicConstraints = critical,CA:FALSE
      keyUsage = critical,digitalSignature,keyEncipherment
      extendedKeyUsage = serverAuth
      subjectAltName = IP:127.0.0.1,DNS:localhost
      subjectKeyIdentifier = hash
      authorityKeyIdentifier = keyid
      """;

  private CertificateAuthority() {
  }

  /**
   * Makes the files in {@code dir}, running openssl as {@code serviceUser} ({@code dir} must be theirs already).
   *
   * @throws IllegalStateException when openssl is missing or fails, with its output
   */
  static void make(ServiceUser serviceUser, Path dir) throws IOException, InterruptedException {
    String openssl = Programs.onPath("openssl").or(() -> Programs.executable(Path.of("/usr/bin/openssl")))
        .orElseThrow(() -> new IllegalStateException("openssl not found on PATH nor in /usr/bin, but the TLS "
            + "server's certificates are made with it: apt-get install openssl"))
        .toString();
    Path config = dir.resolve("openssl.cnf");
    Files.writeString(config, CONFIG, UTF_8);
    serviceUser.own(config);

    selfSigned(serviceUser, dir, openssl, config, "weaver-devstack test CA", "ca");
    selfSigned(serviceUser, dir, openssl, config, "weaver-devstack unrelated CA", "other-ca");
    serviceUser.run(dir, "openssl-server-request", List.of(openssl, "req", "-new", "-config", config.toString(),
        "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(SERVER_KEY).toString(),
        "-out", dir.resolve("server.csr").toString(), "-subj", "/CN=127.0.0.1"));
    serviceUser.run(dir, "openssl-server-sign", List.of(openssl, "x509", "-req",
        "-in", dir.resolve("server.csr").toString(),
        "-CA", dir.resolve(CA).toString(), "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial",
        "-days", "2", "-extfile", config.toString(), "-extensions", "server",
        "-out", dir.resolve(SERVER_CERTIFICATE).toString()));

    for (String leftover : List.of("ca.key", "other-ca.key", "server.csr", "ca.srl")) {
      Files.deleteIfExists(dir.resolve(leftover));
    }
    Files.setPosixFilePermissions(dir.resolve(SERVER_KEY), PosixFilePermissions.fromString("rw-------"));
    for (String certificate : List.of(CA, OTHER_CA, SERVER_CERTIFICATE)) {
      Files.setPosixFilePermissions(dir.resolve(certificate), PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void selfSigned(ServiceUser serviceUser, Path dir, String openssl, Path config, String name,
      String file) throws IOException, InterruptedException {
    serviceUser.run(dir, "openssl-" + file, List.of(openssl, "req", "-x509", "-config", config.toString(),
        "-extensions", "ca", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
        "-keyout", dir.resolve(file + ".key").toString(), "-out", dir.resolve(file + ".pem").toString()));
  }
}
