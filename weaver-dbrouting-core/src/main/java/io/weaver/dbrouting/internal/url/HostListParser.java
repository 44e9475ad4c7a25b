package io.weaver.dbrouting.internal.url;

import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses the host part of a connection string: {@code host[:port][,host[:port]...]}, IPv6 literals in brackets. */
final class HostListParser {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._~-]+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final String IPV6_RULE = "an IPv6 address is written in brackets: [2001:db8::1]:5432";

  private HostListParser() {}

  static List<HostPort> parse(String hostPart, Disclosure disclosure) {
    if (hostPart.isEmpty()) {
      throw disclosure.invalid("it names no host", "a connection string looks like " + UrlParser.EXAMPLE,
          "put the host after '@' (or after '://' when there are no credentials)");
    }
    String[] entries = hostPart.split(",", -1);
    List<HostPort> hosts = new ArrayList<>(entries.length);
    for (int i = 0; i < entries.length; i++) {
      hosts.add(new Entry(entries[i], i, entries.length, disclosure).parse());
    }
    return hosts;
  }

  /** One {@code host[:port]} entry, at {@code index} among {@code count}. */
  private record Entry(String text, int index, int count, Disclosure disclosure) {
    HostPort parse() {
      if (text.isEmpty()) {
        throw disclosure.invalid("the host list has an empty entry",
            "hosts are separated by single commas: host1:5432,host2:5432", "remove the extra comma");
      }
      return text.startsWith("[") ? bracketed() : named();
    }

    private HostPort bracketed() {
      int close = text.indexOf(']');
      if (close < 0) {
        throw disclosure.invalid(part("IPv6 host", text) + " has no closing ']'", IPV6_RULE,
            "add the closing bracket");
      }
      String host = text.substring(1, close);
      if (host.isEmpty() || !IPV6.matcher(host).matches()) {
        throw disclosure.invalid(part("IPv6 host", text) + " is not an IPv6 address", IPV6_RULE,
            "correct the address");
      }
      String after = text.substring(close + 1);
      if (after.isEmpty()) {
        return new HostPort(host, UrlParser.DEFAULT_PORT);
      }
      if (!after.startsWith(":")) {
        throw disclosure.invalid(part("host", text) + " has text after ']'",
            "an IPv6 host is [ADDRESS] or [ADDRESS]:PORT",
            "remove " + (disclosure.mayQuote() ? quote(after) : "the text after ']'")
                + " or write :PORT");
      }
      return new HostPort(host, port(after.substring(1), text.substring(0, close + 1)));
    }

    private HostPort named() {
      int colon = text.indexOf(':');
      String host = colon < 0 ? text : text.substring(0, colon);
      String portText = colon < 0 ? null : text.substring(colon + 1);
      if (portText != null && portText.indexOf(':') >= 0) {
        throw disclosure.invalid("a host entry has more than one ':'",
            "an IPv6 address must be in brackets, e.g. [2001:db8::1]:5432", "put the IPv6 address in brackets");
      }
      if (host.isEmpty()) {
        throw disclosure.invalid(part("host entry", text) + " has no host name before ':'",
            "each entry is HOST or HOST:PORT", "put the host name before ':'");
      }
      if (host.indexOf('%') >= 0) {
        throw disclosure.invalid(part("host", host) + " is percent-encoded",
            "only TCP hosts are supported (pgjdbc does not use Unix-domain sockets)",
            "use the server's host name or IP address");
      }
      if (!HOST_NAME.matcher(host).matches()) {
        throw disclosure.invalid(part("host", host) + " contains characters a host name cannot have",
            "a host is a DNS name, an IPv4 address or a bracketed IPv6 address",
            "check for a stray character, or an unencoded character in the password");
      }
      return new HostPort(host, portText == null ? UrlParser.DEFAULT_PORT : port(portText, host));
    }

    private int port(String portText, String host) {
      String after = "the port after " + part("host", host);
      if (portText.isEmpty()) {
        throw disclosure.invalid(after + " is empty", "a port is a number from 1 to 65535",
            "write the port (5432 for session mode, 6543 for transaction mode on Supabase) or drop the ':'");
      }
      if (!portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
        // never quoted: with credentials missing their '@', this text can be part of a password
        throw disclosure.invalid(after + " is not a number", "a port is a number from 1 to 65535",
            "write the port as digits, e.g. 5432");
      }
      int port = portText.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        throw disclosure.invalid(after + " is out of range", "a port is a number from 1 to 65535",
            "use the port your provider shows, e.g. 5432");
      }
      return port;
    }

    private String part(String kind, String fragment) {
      return disclosure.part(kind, fragment, index, count);
    }
  }
}
