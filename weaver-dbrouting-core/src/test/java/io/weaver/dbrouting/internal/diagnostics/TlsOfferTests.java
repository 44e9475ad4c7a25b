package io.weaver.dbrouting.internal.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TLS offer: PostgreSQL's SSLRequest on the wire, and what the answer means for each sslmode. */
class TlsOfferTests {

  @Test
  void describesEachSslModeAgainstWhatTheEndpointOffers() {
    assertThat(TlsOffer.describe("disable", true)).isEqualTo("not in use (sslmode=disable)");
    assertThat(TlsOffer.describe(null, true)).isEqualTo("in use (sslmode=prefer, the endpoint offers TLS)");
    assertThat(TlsOffer.describe("require", true)).isEqualTo("in use (sslmode=require, the endpoint offers TLS)");
    assertThat(TlsOffer.describe("allow", true))
        .isEqualTo("not in use: sslmode=allow tries plain text first (the endpoint offers TLS)");
    assertThat(TlsOffer.describe("require", false))
        .isEqualTo("not in use: the endpoint does not offer TLS (sslmode=require)");
    assertThat(TlsOffer.describe("verify-full", null))
        .isEqualTo("unknown (the endpoint did not answer the TLS request; sslmode=verify-full)");
  }

  @Test
  void sendsTheSslRequestAndReadsTheOneByteAnswer() throws Exception {
    assertThat(ask('S')).isTrue();
    assertThat(ask('N')).isFalse();
    assertThat(ask('E')).as("an error message instead of S or N").isNull();
  }

  @Test
  void waitsForTheAnswerAtMostFiveSeconds() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      CompletableFuture<Void> request = CompletableFuture.runAsync(() -> readRequest(accepted));
      accepted.getOutputStream().write('S');
      assertThat(TlsOffer.acceptsTls(client)).isTrue();
      assertThat(client.getSoTimeout()).isEqualTo(5_000);
      request.get(5, TimeUnit.SECONDS);
    }
  }

  /** Answers one SSLRequest with {@code answer}, after checking that the request is the 8 bytes PostgreSQL expects. */
  private static Boolean ask(char answer) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
        readRequest(accepted);
        try {
          accepted.getOutputStream().write(answer);
          accepted.getOutputStream().flush();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      Boolean result = TlsOffer.acceptsTls(client);
      answered.get(5, TimeUnit.SECONDS);
      return result;
    }
  }

  private static void readRequest(Socket accepted) {
    try {
      accepted.setSoTimeout(5_000);
      DataInputStream in = new DataInputStream(accepted.getInputStream());
      assertThat(in.readInt()).as("message length").isEqualTo(8);
      assertThat(in.readInt()).as("SSLRequest code").isEqualTo(80877103);
    } catch (IOException e) {
      throw new IllegalStateException("no SSLRequest arrived", e);
    }
  }
}
