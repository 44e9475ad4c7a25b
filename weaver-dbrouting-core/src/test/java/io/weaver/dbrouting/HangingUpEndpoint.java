package io.weaver.dbrouting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback endpoint that accepts TCP connections, reads the client's first request and hangs up: reachable, but no
 * PostgreSQL behind it. The request is read first because closing with unread data would send a reset instead.
 */
final class HangingUpEndpoint implements AutoCloseable {
  private final ServerSocket server;

  HangingUpEndpoint() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "hanging-up-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        client.getInputStream().read(new byte[8]);
        client.shutdownOutput();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
