package io.weaver.dbrouting.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.ServerSocket;

/** TCP ports on the loopback address the stacks listen on. */
public final class Ports {

  static final String HOST = "127.0.0.1";

  private Ports() {
  }

  /** True when nothing listens on {@code port} of 127.0.0.1 right now (it may be taken a moment later). */
  public static boolean isFree(int port) {
    try {
      bindAndRelease(port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port of 127.0.0.1 that the kernel just handed out as free (from the ephemeral range, so never 6543). */
  static int free() {
    try (ServerSocket s = new ServerSocket(0, 0, hostAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /**
   * @throws IllegalStateException naming the port and {@code who} needs it, when something listens there
   */
  static void requireFree(int port, String who) {
    try {
      bindAndRelease(port);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + HOST + " is busy, but " + who + " must listen on "
          + "exactly that port: stop what holds it (ss -ltnp 'sport = :" + port + "'), or ask for port 0 "
          + "(any free port)", e);
    }
  }

  /** {@link #HOST} as an address, without a name lookup. */
  private static InetAddress hostAddress() throws UnknownHostException {
    return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
  }

  private static void bindAndRelease(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(hostAddress(), port));
    }
  }
}
