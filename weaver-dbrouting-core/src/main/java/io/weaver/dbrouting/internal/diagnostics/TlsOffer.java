package io.weaver.dbrouting.internal.diagnostics;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import org.jspecify.annotations.Nullable;

/** Whether an endpoint offers TLS (PostgreSQL's SSLRequest), and what that means for pgjdbc's sslmode. */
final class TlsOffer {
  private TlsOffer() {}

  /** Sends PostgreSQL's SSLRequest: {@code S} means the endpoint speaks TLS, {@code N} that it does not. */
  static @Nullable Boolean acceptsTls(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(8);
    out.writeInt(80877103);
    out.flush();
    int answer = socket.getInputStream().read();
    return answer == 'S' ? Boolean.TRUE : answer == 'N' ? Boolean.FALSE : null;
  }

  /** Whether pgjdbc's connections use TLS, from the sslmode asked for and what the endpoint offers. */
  static String describe(@Nullable String sslMode, @Nullable Boolean acceptsTls) {
    String mode = sslMode == null ? "prefer" : sslMode; // pgjdbc's own ssl=true without sslmode means verify-full
    if (mode.equals("disable")) {
      return "not in use (sslmode=disable)";
    }
    if (acceptsTls == null) {
      return "unknown (the endpoint did not answer the TLS request; sslmode=" + mode + ")";
    }
    if (acceptsTls) {
      return mode.equals("allow") ? "not in use: sslmode=allow tries plain text first (the endpoint offers TLS)"
          : "in use (sslmode=" + mode + ", the endpoint offers TLS)";
    }
    return "not in use: the endpoint does not offer TLS (sslmode=" + mode + ")";
  }
}
