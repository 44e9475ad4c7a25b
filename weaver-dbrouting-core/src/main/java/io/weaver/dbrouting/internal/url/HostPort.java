package io.weaver.dbrouting.internal.url;

/** One host of a connection string; IPv6 literals are kept without brackets. */
public record HostPort(String host, int port) {
  /** True for an IPv6 literal, which needs brackets in a URL. */
  public boolean isIpv6() {
    return host.indexOf(':') >= 0;
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  @Override
  public String toString() {
    return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
  }
}
