package io.weaver.dbrouting.internal.url;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;
import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.internal.url.PercentDecoder.MalformedEscapeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the connection strings people paste from dashboards and Python services, as RFC 3986 URLs:
 * {@code postgres://}, {@code postgresql://}, {@code postgresql+DRIVER://} and {@code jdbc:postgresql://}.
 *
 * <h2>Where the credentials end</h2>
 *
 * <p>The authority runs from {@code ://} to the first '/', '?' or '#'; an '@' in it ends the user name and password.
 * A string whose credentials cannot be told apart from the rest with certainty is refused before anything else is
 * read, with a message that quotes nothing after the scheme:
 * <ul>
 *   <li>more than one '@' in the authority: the credentials hold an unencoded '@', and which '@' ends them is a guess
 *       (libpq takes the first, Python's urllib the last);
 *   <li>an '@' after the authority anywhere but inside a query value - in the path, in a parameter's name, in a
 *       parameter without '=', in the fragment: only credentials holding an unencoded '/', '?' or '#' put it there.
 * </ul>
 * An '@' inside a query value ({@code ?options=a@b}) is taken as part of the value: pgjdbc URLs carry
 * {@code password=p@ss} there, and {@code application_name=svc@host} is a value too. Credentials that hold an
 * unencoded '?' followed by {@code NAME=} would look the same, so while such an '@' is present no message quotes
 * hosts, path or query, and each error also says how to encode a password (see {@link Disclosure}).
 *
 * <p>One shape cannot be caught by any parser: a password with an unencoded '@' and no host after it
 * ({@code postgresql://user:pa@ss/x}) is a valid URL with host {@code ss}, exactly like
 * {@code postgresql://app:secret@db/app}. Nothing the parser says about the parts after such an '@' quotes them, but a
 * string like that is accepted and connects to the host it names.
 *
 * <h2>What messages quote</h2>
 *
 * <p>A fragment is quoted only when it cannot be part of a password: the scheme when it holds no ':' (a password
 * always follows one), the user name (it precedes the password), and the rest under the rules of {@link Disclosure}.
 * Positions are given only where a quote would be allowed: the place of a '%' or a space is a piece of the value too.
 */
public final class UrlParser {
  /** PostgreSQL's port when a host names none. */
  public static final int DEFAULT_PORT = 5432;

  static final String EXAMPLE = "postgresql://USER:PASSWORD@HOST:5432/DATABASE";
  private static final Pattern DRIVER_SCHEME = Pattern.compile("postgres(ql)?\\+[a-z0-9_]+");
  /** A scheme shown in messages: no ':', so no password can be in it. */
  private static final Pattern PRINTABLE_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,30}");
  private static final String ENCODE_PASSWORD =
      "percent-encode the password: '/' as %2F, '?' as %3F, '#' as %23, '@' as %40";

  private UrlParser() {}

  /**
   * Parses {@code input}.
   *
   * @param setting the environment variable or builder method that holds it, named in every error
   * @throws InvalidSettingException when the string is not a PostgreSQL connection string this library can use
   */
  public static ParsedUrl parse(@Nullable String input, String setting) {
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
    boolean atInQueryValue = checkCredentialsEnd(rest, authorityEnd, setting);
    return parseRest(scheme, rest, authorityEnd, atInQueryValue, setting);
  }

  /**
   * Refuses the strings whose credentials end in doubt (see the class comment).
   *
   * @return true when a query value holds an '@'
   */
  private static boolean checkCredentialsEnd(String rest, int authorityEnd, String setting) {
    if (rest.substring(0, authorityEnd).chars().filter(c -> c == '@').count() > 1) {
      throw invalid(setting, "more than one '@' stands before the host, so the user name or password holds an "
              + "unencoded '@' and where the credentials end is a guess",
          "an '@' inside credentials must be percent-encoded", ENCODE_PASSWORD);
    }
    int pathEnd = firstOf(rest, "?#", authorityEnd);
    int fragment = rest.indexOf('#', authorityEnd);
    int queryEnd = fragment < 0 ? rest.length() : fragment;
    if (rest.substring(authorityEnd, pathEnd).indexOf('@') >= 0 || rest.indexOf('@', queryEnd) >= 0) {
      throw unencodedCredentials(setting);
    }
    boolean atInQueryValue = false;
    if (pathEnd < queryEnd) {
      for (String pair : rest.substring(pathEnd + 1, queryEnd).split("&", -1)) {
        int at = pair.indexOf('@');
        int eq = pair.indexOf('=');
        if (at >= 0 && (eq < 0 || at < eq)) {
          throw unencodedCredentials(setting);
        }
        atInQueryValue |= at >= 0;
      }
    }
    return atInQueryValue;
  }

  private static ParsedUrl parseRest(String scheme, String rest, int authorityEnd, boolean atInQueryValue,
      String setting) {
    boolean jdbc = scheme.equals("jdbc:postgresql");
    String authority = rest.substring(0, authorityEnd);
    int at = authority.indexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    int colon = userInfo == null ? -1 : userInfo.indexOf(':');
    Disclosure disclosure = new Disclosure(setting, colon >= 0, atInQueryValue);

    String user = null;
    String password = null;
    if (userInfo != null) {
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      user = decode(rawUser, false, disclosure, "the user name " + quote(rawUser), true);
      if (user.chars().anyMatch(Character::isISOControl)) {
        throw disclosure.invalid("the user name contains a control character", "a user name is printable text",
            "remove the encoded control character from the user name");
      }
      if (user.isEmpty()) {
        throw disclosure.invalid("the user name before '@' is empty",
            "a connection string with credentials looks like " + EXAMPLE,
            "put the user name before the password, e.g. postgresql://postgres.PROJECTREF:PASSWORD@HOST:5432/postgres");
      }
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1), false, disclosure, "the password", false);
      }
    }

    List<HostPort> hosts = HostListParser.parse(authority.substring(at + 1), disclosure);
    int pathEnd = firstOf(rest, "?#", authorityEnd);
    String database = authorityEnd < rest.length() && rest.charAt(authorityEnd) == '/'
        ? database(rest.substring(authorityEnd + 1, pathEnd), jdbc, disclosure) : null;

    int fragment = rest.indexOf('#', pathEnd);
    if (fragment >= 0) {
      throw disclosure.invalid("it has a '#' fragment after the host",
          "a connection string has no fragment, and a '#' inside a password or value must be percent-encoded",
          "write '#' as %23 in the password or value, or remove the fragment");
    }
    List<Map.Entry<String, String>> query = List.of();
    if (pathEnd < rest.length() && rest.charAt(pathEnd) == '?') {
      query = QueryParser.parse(rest.substring(pathEnd + 1), jdbc, disclosure);
    }

    ParameterMapping.Result mapped = ParameterMapping.map(query, jdbc, disclosure);
    if (mapped.user() != null) {
      if (user != null) {
        throw disclosure.invalid("the user name is given both before '@' and as the 'user' parameter",
            "give it once", "remove the 'user' query parameter");
      }
      user = mapped.user();
    }
    if (mapped.password() != null) {
      if (password != null) {
        throw disclosure.invalid("the password is given both before '@' and as the 'password' parameter",
            "give it once", "remove the 'password' query parameter");
      }
      password = mapped.password();
    }
    return new ParsedUrl(scheme, user, password, hosts, database, mapped.properties(), mapped.secretProperties(),
        mapped.origins(), mapped.pgbouncerHint());
  }

  /** The decoded database name of the path {@code /RAW}, or {@code null} when it is empty. */
  private static @Nullable String database(String raw, boolean jdbc, Disclosure disclosure) {
    if (raw.indexOf('/') >= 0) {
      throw disclosure.invalid(disclosure.part("path", "/" + raw, 0, 1) + " has more than one segment",
          "the path holds only the database name", "keep only the database name after the host, e.g. /postgres");
    }
    String decoded = decode(raw, jdbc, disclosure, disclosure.part("database name", raw, 0, 1), disclosure.mayQuote());
    if (decoded.chars().anyMatch(Character::isISOControl)) {
      throw disclosure.invalid("the database name contains a control character", "a database name is printable text",
          "remove the encoded control character from the database name");
    }
    return decoded.isEmpty() ? null : decoded;
  }

  private static void checkCharacters(String url, String setting) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        // no position: inside a password, where it is would be a piece of it
        String kind = c == ' ' ? "a space" : c == '\n' || c == '\r' ? "a line break" : c == '\t' ? "a tab"
            : "a control character";
        throw invalid(setting, "it contains a space or control character (" + kind + ")",
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
        "reserved characters inside credentials must be percent-encoded", ENCODE_PASSWORD);
  }

  private static String decode(String raw, boolean plusIsSpace, Disclosure disclosure, String what,
      boolean showPosition) {
    try {
      return PercentDecoder.decode(raw, plusIsSpace);
    } catch (MalformedEscapeException e) {
      throw disclosure.notEncoded(what, e, showPosition);
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
}
