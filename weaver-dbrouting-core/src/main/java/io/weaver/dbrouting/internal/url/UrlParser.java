package io.weaver.dbrouting.internal.url;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;
import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.internal.text.Redaction;
import io.weaver.dbrouting.internal.url.PercentDecoder.MalformedEscapeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the connection strings people paste from dashboards and Python services, as RFC 3986 URLs:
 * {@code postgres://}, {@code postgresql://}, {@code postgresql+DRIVER://} and {@code jdbc:postgresql://}.
 *
 * <p>No message it produces contains the password: a part that might hold it is described, never echoed.
 */
public final class UrlParser {
  /** PostgreSQL's port when a host names none. */
  public static final int DEFAULT_PORT = 5432;

  private static final String EXAMPLE = "postgresql://USER:PASSWORD@HOST:5432/DATABASE";
  private static final Pattern DRIVER_SCHEME = Pattern.compile("postgres(ql)?\\+[a-z0-9_]+");
  private static final Pattern PRINTABLE_SCHEME = Pattern.compile("[a-z][a-z0-9+.:-]{0,30}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._~-]+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private UrlParser() {}

  /**
   * Parses {@code input}.
   *
   * @param setting the environment variable or builder method that holds it, named in every error
   * @throws InvalidSettingException when the string is not a PostgreSQL connection string this library can use
   */
  public static ParsedUrl parse(String input, String setting) {
    if (input == null || input.isBlank()) {
      throw invalid(setting, "is empty", "a connection string looks like " + EXAMPLE,
          "set it to the connection string your provider shows");
    }
    String url = input.strip();
    checkCharacters(url, setting);
    int schemeEnd = url.indexOf("://");
    String scheme = schemeOf(url, schemeEnd, setting);
    String rest = url.substring(schemeEnd + 3);
    int authorityEnd = firstOf(rest, "/?#", 0);
    boolean credentialsMaySpill = rest.substring(0, authorityEnd).indexOf('@') < 0 && rest.indexOf('@') >= 0;
    if (!credentialsMaySpill) {
      return parseRest(scheme, rest, authorityEnd, setting);
    }
    // An '@' after the authority: either inside a query value (fine) or the end of credentials that hold an
    // unencoded '/', '?' or '#'. In the second case any part of the password could be read as host, port, path or
    // parameter, so no message may quote it.
    ParsedUrl parsed;
    try {
      parsed = parseRest(scheme, rest, authorityEnd, setting);
    } catch (InvalidSettingException e) {
      throw unencodedCredentials(setting);
    }
    if (!atSignsOnlyInQueryValues(rest, authorityEnd)) {
      throw unencodedCredentials(setting);
    }
    return parsed;
  }

  private static ParsedUrl parseRest(String scheme, String rest, int authorityEnd, String setting) {
    boolean jdbc = scheme.equals("jdbc:postgresql");
    String authority = rest.substring(0, authorityEnd);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hostPart = authority.substring(at + 1);

    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      user = decode(rawUser, false, setting, "the user name " + quote(rawUser));
      if (user.chars().anyMatch(Character::isISOControl)) {
        throw invalid(setting, "the user name contains a control character", "a user name is printable text",
            "remove the encoded control character from the user name");
      }
      if (user.isEmpty()) {
        throw invalid(setting, "the user name before '@' is empty",
            "a connection string with credentials looks like " + EXAMPLE,
            "put the user name before the password, e.g. postgresql://postgres.PROJECTREF:PASSWORD@HOST:5432/postgres");
      }
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1), false, setting, "the password");
      }
    }

    List<HostPort> hosts = HostListParser.parse(hostPart, setting);

    String database = null;
    int pathEnd = firstOf(rest, "?#", authorityEnd);
    if (authorityEnd < rest.length() && rest.charAt(authorityEnd) == '/') {
      String rawPath = rest.substring(authorityEnd + 1, pathEnd);
      if (rawPath.indexOf('@') >= 0) {
        throw unencodedCredentials(setting);
      }
      if (rawPath.indexOf('/') >= 0) {
        throw invalid(setting, "the path " + quote("/" + rawPath) + " has more than one segment",
            "the path holds only the database name", "keep only the database name after the host, e.g. /postgres");
      }
      String decoded = decode(rawPath, jdbc, setting, "the database name " + quote(rawPath));
      if (decoded.chars().anyMatch(Character::isISOControl)) {
        throw invalid(setting, "the database name contains a control character", "a database name is printable text",
            "remove the encoded control character from the database name");
      }
      database = decoded.isEmpty() ? null : decoded;
    }

    int fragment = rest.indexOf('#', pathEnd);
    if (fragment >= 0) {
      throw invalid(setting, "it has a '#' fragment after the host",
          "a connection string has no fragment, and a '#' inside a password or value must be percent-encoded",
          "write '#' as %23 in the password or value, or remove the fragment");
    }
    List<Map.Entry<String, String>> query = List.of();
    if (pathEnd < rest.length() && rest.charAt(pathEnd) == '?') {
      query = readQuery(rest.substring(pathEnd + 1), jdbc, setting);
    }

    ParameterMapping.Result mapped = ParameterMapping.map(query, jdbc, setting);
    if (mapped.user() != null) {
      if (user != null) {
        throw invalid(setting, "the user name is given both before '@' and as the 'user' parameter",
            "give it once", "remove the 'user' query parameter");
      }
      user = mapped.user();
    }
    if (mapped.password() != null) {
      if (password != null) {
        throw invalid(setting, "the password is given both before '@' and as the 'password' parameter",
            "give it once", "remove the 'password' query parameter");
      }
      password = mapped.password();
    }
    return new ParsedUrl(scheme, user, password, hosts, database, mapped.properties(), mapped.secretProperties(),
        mapped.origins(), mapped.pgbouncerHint());
  }

  private static void checkCharacters(String url, String setting) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw invalid(setting, "it contains a space or control character at position " + (i + 1),
            "spaces inside a connection string must be percent-encoded (a line break usually means a copy-paste slip)",
            "remove stray line breaks, and write a space inside the password or a value as %20");
      }
    }
  }

  private static String schemeOf(String url, int schemeEnd, String setting) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (schemeEnd < 0) {
      if (lower.startsWith("jdbc:postgresql:")) {
        throw invalid(setting, "the JDBC URL names no host",
            "a JDBC URL looks like jdbc:postgresql://HOST:PORT/DATABASE",
            "add '//HOST:PORT/' after 'jdbc:postgresql:'");
      }
      throw invalid(setting, "it has no scheme ('://' is missing)", "a connection string looks like " + EXAMPLE,
          "start it with postgresql://");
    }
    String scheme = lower.substring(0, schemeEnd);
    if (scheme.equals("postgres") || scheme.equals("postgresql") || scheme.equals("jdbc:postgresql")
        || DRIVER_SCHEME.matcher(scheme).matches()) {
      return scheme;
    }
    String shown = PRINTABLE_SCHEME.matcher(scheme).matches() ? "scheme " + quote(scheme) : "its scheme";
    throw invalid(setting, shown + " is not a PostgreSQL scheme",
        "accepted schemes are postgresql://, postgres://, postgresql+DRIVER:// and jdbc:postgresql://",
        "use the PostgreSQL connection string, e.g. " + EXAMPLE);
  }

  private static InvalidSettingException unencodedCredentials(String setting) {
    return invalid(setting, "an '@' follows a '/', '?' or '#', so the user name or password holds one of them unencoded",
        "reserved characters inside credentials must be percent-encoded",
        "percent-encode the password: '/' as %2F, '?' as %3F, '#' as %23, '@' as %40");
  }

  /** True when every '@' after the authority sits inside the value of a query parameter. */
  private static boolean atSignsOnlyInQueryValues(String rest, int authorityEnd) {
    int queryStart = rest.indexOf('?', authorityEnd);
    int firstAt = rest.indexOf('@', authorityEnd);
    if (queryStart < 0 || firstAt < queryStart) {
      return false;
    }
    for (String pair : rest.substring(queryStart + 1).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (pair.indexOf('@') >= 0 && (eq < 0 || pair.indexOf('@') < eq)) {
        return false;
      }
    }
    return true;
  }

  private static List<Map.Entry<String, String>> readQuery(String query, boolean jdbc, String setting) {
    Map<String, String> seen = new LinkedHashMap<>();
    String secretBefore = null;
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      try {
        Map.Entry<String, String> parameter = readPair(pair, jdbc, setting);
        if (seen.put(parameter.getKey(), parameter.getValue()) != null) {
          throw invalid(setting, "query parameter " + quote(parameter.getKey()) + " is given twice",
              "each parameter may appear once", "keep one " + quote(parameter.getKey()));
        }
        if (Redaction.isSecretProperty(parameter.getKey())) {
          secretBefore = parameter.getKey();
        }
      } catch (InvalidSettingException e) {
        throw secretBefore == null ? e : afterSecret(setting, secretBefore);
      }
    }
    return new ArrayList<>(seen.entrySet());
  }

  /**
   * A parameter after {@code password=} may be the rest of a password with an unencoded '&amp;'; it is described,
   * never quoted.
   */
  static InvalidSettingException afterSecret(String setting, String secret) {
    return invalid(setting, "a query parameter after " + quote(secret) + " is not valid",
        "a '&' inside a password ends it, so the rest of the password would be read as another parameter",
        "if the " + secret + " contains '&', write it as %26; otherwise correct the parameters that follow it");
  }

  private static Map.Entry<String, String> readPair(String pair, boolean jdbc, String setting) {
    int eq = pair.indexOf('=');
    if (eq < 0) {
      String shown = pair.toLowerCase(Locale.ROOT).contains("password") ? "a parameter" : "parameter " + quote(pair);
      throw invalid(setting, shown + " has no value", "query parameters are written NAME=VALUE",
          "write it as NAME=VALUE, or remove it");
    }
    String rawKey = pair.substring(0, eq);
    String key = decode(rawKey, jdbc, setting, "parameter name " + quote(rawKey));
    if (key.isEmpty()) {
      throw invalid(setting, "a query parameter has an empty name", "query parameters are written NAME=VALUE",
          "remove the stray '=' or name the parameter");
    }
    boolean secret = Redaction.isSecretProperty(key);
    String rawValue = pair.substring(eq + 1);
    String what = "the value of " + quote(key) + (secret ? "" : " (" + quote(rawValue) + ")");
    String value = decode(rawValue, jdbc, setting, what);
    if (!secret && value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(setting, "the value of " + quote(key) + " contains a control character",
          "values are printable text", "remove the encoded line break or control character from it");
    }
    return Map.entry(key, value);
  }

  private static String decode(String raw, boolean plusIsSpace, String setting, String what) {
    try {
      return PercentDecoder.decode(raw, plusIsSpace);
    } catch (MalformedEscapeException e) {
      throw invalid(setting, what + " is not properly percent-encoded: " + e.getMessage(),
          "a '%' must start an escape such as %40; a literal '%' is written %25",
          "write each '%' in it as %25, or fix the broken escape");
    }
  }

  static int firstOf(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** Parses {@code host[:port][,host[:port]...]}. */
  static final class HostListParser {
    private HostListParser() {}

    static List<HostPort> parse(String hostPart, String setting) {
      if (hostPart.isEmpty()) {
        throw invalid(setting, "it names no host", "a connection string looks like " + EXAMPLE,
            "put the host after '@' (or after '://' when there are no credentials)");
      }
      List<HostPort> hosts = new ArrayList<>();
      for (String entry : hostPart.split(",", -1)) {
        hosts.add(parseOne(entry, setting));
      }
      return hosts;
    }

    private static HostPort parseOne(String entry, String setting) {
      if (entry.isEmpty()) {
        throw invalid(setting, "the host list has an empty entry",
            "hosts are separated by single commas: host1:5432,host2:5432", "remove the extra comma");
      }
      String host;
      String portText = null;
      if (entry.startsWith("[")) {
        int close = entry.indexOf(']');
        if (close < 0) {
          throw invalid(setting, "the IPv6 host " + quote(entry) + " has no closing ']'",
              "an IPv6 address is written in brackets: [2001:db8::1]:5432", "add the closing bracket");
        }
        host = entry.substring(1, close);
        if (host.isEmpty() || !IPV6.matcher(host).matches()) {
          throw invalid(setting, "the IPv6 host " + quote(entry) + " is not an IPv6 address",
              "an IPv6 address is written in brackets: [2001:db8::1]:5432", "correct the address");
        }
        String after = entry.substring(close + 1);
        if (!after.isEmpty()) {
          if (!after.startsWith(":")) {
            throw invalid(setting, "the host " + quote(entry) + " has text after ']'",
                "an IPv6 host is [ADDRESS] or [ADDRESS]:PORT", "remove " + quote(after) + " or write :PORT");
          }
          portText = after.substring(1);
        }
      } else {
        int colon = entry.indexOf(':');
        host = colon < 0 ? entry : entry.substring(0, colon);
        if (colon >= 0) {
          portText = entry.substring(colon + 1);
          if (portText.indexOf(':') >= 0) {
            throw invalid(setting, "a host entry has more than one ':'",
                "an IPv6 address must be in brackets, e.g. [2001:db8::1]:5432", "put the IPv6 address in brackets");
          }
        }
        if (host.isEmpty()) {
          throw invalid(setting, "the host in " + quote(entry) + " is empty", "each entry is HOST or HOST:PORT",
              "put the host name before ':'");
        }
        if (host.indexOf('%') >= 0) {
          throw invalid(setting, "the host " + quote(host) + " is percent-encoded",
              "only TCP hosts are supported (pgjdbc does not use Unix-domain sockets)",
              "use the server's host name or IP address");
        }
        if (!HOST_NAME.matcher(host).matches()) {
          throw invalid(setting, "the host " + quote(host) + " contains characters a host name cannot have",
              "a host is a DNS name, an IPv4 address or a bracketed IPv6 address",
              "check for a stray character, or an unencoded character in the password");
        }
      }
      return new HostPort(host, port(portText, entry, setting));
    }

    private static String entryHost(String entry) {
      int colon = entry.startsWith("[") ? entry.indexOf(']') + 1 : entry.indexOf(':');
      return colon <= 0 ? entry : entry.substring(0, colon);
    }

    private static int port(String text, String entry, String setting) {
      if (text == null) {
        return DEFAULT_PORT;
      }
      if (text.isEmpty()) {
        throw invalid(setting, "the port after host " + quote(entryHost(entry)) + " is empty",
            "a port is a number from 1 to 65535",
            "write the port (5432 for session mode, 6543 for transaction mode on Supabase) or drop the ':'");
      }
      if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        // not quoted: with credentials missing their '@', this text can be part of a password
        throw invalid(setting, "the port after host " + quote(entryHost(entry)) + " is not a number",
            "a port is a number from 1 to 65535", "write the port as digits, e.g. 5432");
      }
      int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw invalid(setting, "the port after host " + quote(entryHost(entry)) + " is out of range",
            "a port is a number from 1 to 65535", "use the port your provider shows, e.g. 5432");
      }
      return port;
    }
  }
}
