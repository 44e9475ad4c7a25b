package io.weaver.dbrouting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Connection strings built around a random secret, for tests that look for pieces of the secret in everything the
 * library says.
 *
 * <p>A secret mixes ASCII letters, digits, every URL-reserved and special character and Greek letters; every five
 * characters in a row hold at least one Greek letter. No template, no text of this library, pgjdbc or HikariCP holds a
 * Greek letter, so a five-character piece of the secret found in an output came from the secret: it cannot be a user
 * name, host, database, parameter name or fixed wording that happens to match. The secret goes into the template raw,
 * partly or fully percent-encoded (sometimes with lower-case hex), and stray {@code @ / ? # : % & ,} characters land
 * around it and elsewhere.
 */
final class SecretUrls {
  /** Where the secret sits. */
  enum Kind {
    /** {@code postgresql://user:SECRET@host/db} and its variants. */
    USERINFO,
    /** {@code ?password=SECRET} in a {@code postgresql://} string. */
    PASSWORD_PARAMETER,
    /** {@code jdbc:postgresql://host/db?user=u&password=SECRET}. */
    JDBC_PASSWORD,
    /** {@code ?sslpassword=SECRET}. */
    SSLPASSWORD
  }

  /**
   * One generated connection string.
   *
   * @param url the connection string
   * @param secret the secret as meant
   * @param kind where it sits
   * @param pieces every run of {@link #PIECE} characters of the secret, in each form an output could show it: as
   *     meant, as written in {@code url}, percent-encoded as a URL encoder writes it, and with '+' read as a space
   *     (pgjdbc's form decoding); each holds a marker, raw or as its escape
   */
  record Case(String url, String secret, Kind kind, Set<String> pieces) {
    /**
     * @param written how each character of the secret stands in {@code url}: itself or its %-escapes
     */
    static Case of(String url, String secret, List<String> written, Kind kind) {
      Set<String> pieces = new LinkedHashSet<>();
      for (int i = 0; i + PIECE <= secret.length(); i++) {
        String piece = secret.substring(i, i + PIECE);
        pieces.add(piece);
        pieces.add(String.join("", written.subList(i, i + PIECE)));
        pieces.add(URLEncoder.encode(piece, StandardCharsets.UTF_8));
        pieces.add(piece.replace('+', ' '));
      }
      return new Case(url, secret, kind, Set.copyOf(pieces));
    }

    /** A piece of the secret that {@code output} contains, or {@code null}. */
    String pieceIn(String output) {
      if (output == null || !mayHoldMarker(output)) {
        return null;
      }
      for (String piece : pieces) {
        if (output.contains(piece)) {
          return piece;
        }
      }
      return null;
    }
  }

  /** Length of the pieces looked for. */
  static final int PIECE = 5;
  /** In no template and no text of the libraries involved. */
  static final String MARKERS = "αβγδεζηθικλμνξοπρστυφχψωΓΔΘΛΞΠΣΦΨΩ";
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  /** RFC 3986 gen-delims and sub-delims, '%', and the characters a URL never holds raw. */
  private static final String SPECIALS = ":/?#[]@!$&'()*+,;=%-._~ \"<>\\^`{|}";
  private static final String STRAY = "@/?#:%&,";
  private static final String UNRESERVED = LETTERS + DIGITS + "-._~";

  private static final String[] USERS = {"app", "postgres.abcdefghijklmnop", "svc_user", "u"};
  private static final String[] REMOTE_HOSTS =
      {"db.example.com", "aws-0-eu-west-1.pooler.supabase.com", "10.0.0.5", "db", "pg-1.internal"};
  private static final String[] REMOTE_IPV6 = {"::1", "2001:db8::7", "fd00::2"};
  private static final int[] REMOTE_PORTS = {5432, 6543, 6432};
  private static final String[] DATABASES = {"postgres", "app", "my_db"};

  /** Templates: {@code {S}} is the secret, {@code {U}} a user, {@code {H}}/{@code {H2}} hosts with ports. */
  private record Template(Kind kind, String text) {}

  private static final List<Template> TEMPLATES = List.of(
      new Template(Kind.USERINFO, "postgresql://{U}:{S}@{H}/{D}"),
      new Template(Kind.USERINFO, "postgres://{U}:{S}@{H}/{D}?sslmode=prefer"),
      new Template(Kind.USERINFO, "postgresql+asyncpg://{U}:{S}@{H}/{D}?statement_cache_size=0"),
      new Template(Kind.USERINFO, "postgresql://{U}:{S}@{H},{H2}/{D}?target_session_attrs=read-write"),
      new Template(Kind.USERINFO, "postgresql://{U}:{S}@{6}/{D}"),
      new Template(Kind.USERINFO, "postgresql://{U}:{S}@{H}/{D}?application_name=svc&connect_timeout=5"),
      new Template(Kind.USERINFO, "jdbc:postgresql://{U}:{S}@{H}/{D}"),
      new Template(Kind.PASSWORD_PARAMETER, "postgresql://{U}@{H}/{D}?password={S}"),
      new Template(Kind.PASSWORD_PARAMETER, "postgresql://{H}/{D}?user={U}&password={S}&sslmode=prefer"),
      new Template(Kind.PASSWORD_PARAMETER, "postgres://{U}@{H},{H2}/{D}?sslmode=prefer&password={S}&application_name=svc"),
      new Template(Kind.JDBC_PASSWORD, "jdbc:postgresql://{H}/{D}?user={U}&password={S}"),
      new Template(Kind.JDBC_PASSWORD, "jdbc:postgresql://{H},{H2}/{D}?password={S}&user={U}&ApplicationName=svc"),
      new Template(Kind.JDBC_PASSWORD, "jdbc:postgresql://{6}/{D}?user={U}&password={S}&sslmode=disable"),
      new Template(Kind.SSLPASSWORD, "postgresql://{U}:pw@{H}/{D}?sslmode=prefer&sslpassword={S}"),
      new Template(Kind.SSLPASSWORD, "jdbc:postgresql://{H}/{D}?user={U}&password=pw&sslpassword={S}&sslmode=prefer"));

  private final Random random;
  private final int localPort;

  /**
   * @param seed makes the sequence repeatable
   * @param localPort when positive, every host is a loopback address on this port; else realistic remote hosts
   */
  SecretUrls(long seed, int localPort) {
    this.random = new Random(seed);
    this.localPort = localPort;
  }

  /** The next case, of one of {@code kinds}. */
  Case next(Set<Kind> kinds) {
    Template template;
    do {
      template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
    } while (!kinds.contains(template.kind()));
    String secret = secret();
    List<String> written = write(secret);
    String text = template.text()
        .replace("{U}", pick(USERS))
        .replace("{H}", host())
        .replace("{H2}", host())
        .replace("{6}", "[" + (localPort > 0 ? "::1" : pick(REMOTE_IPV6)) + "]:" + port())
        .replace("{D}", pick(DATABASES));
    int at = text.indexOf("{S}");
    StringBuilder before = new StringBuilder(text.substring(0, at));
    StringBuilder after = new StringBuilder(text.substring(at + 3));
    if (random.nextInt(100) < 35) {
      addStrayCharacters(before, after);
    }
    return Case.of(before + String.join("", written) + after, secret, written, template.kind());
  }

  /** 8 to 24 characters; no five in a row without a marker. */
  String secret() {
    int length = 8 + random.nextInt(17);
    StringBuilder secret = new StringBuilder(length);
    int sinceMarker = 0;
    for (int i = 0; i < length; i++) {
      String pool = switch (random.nextInt(10)) {
        case 0, 1, 2 -> LETTERS;
        case 3 -> DIGITS;
        case 4, 5, 6, 7 -> SPECIALS;
        default -> MARKERS;
      };
      if (sinceMarker == PIECE - 1) {
        pool = MARKERS;
      }
      char c = pool.charAt(random.nextInt(pool.length()));
      sinceMarker = MARKERS.indexOf(c) >= 0 ? 0 : sinceMarker + 1;
      secret.append(c);
    }
    return secret.toString();
  }

  /** Each character of the secret raw or percent-encoded: all raw, some, or all that are not unreserved. */
  private List<String> write(String secret) {
    int mode = random.nextInt(100);
    boolean all = mode >= 75;
    boolean lowerHex = random.nextInt(100) < 30;
    List<String> written = new ArrayList<>(secret.length());
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (mode < 40 || UNRESERVED.indexOf(c) >= 0 || (!all && random.nextBoolean())) {
        written.add(String.valueOf(c));
      } else {
        StringBuilder escapes = new StringBuilder();
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          String hex = String.format("%%%02X", b & 0xff);
          escapes.append(lowerHex ? hex.toLowerCase(Locale.ROOT) : hex);
        }
        written.add(escapes.toString());
      }
    }
    return written;
  }

  /** One or two stray characters right next to the secret or somewhere else in the string. */
  private void addStrayCharacters(StringBuilder before, StringBuilder after) {
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      char stray = STRAY.charAt(random.nextInt(STRAY.length()));
      switch (random.nextInt(4)) {
        case 0 -> before.append(stray);
        case 1 -> after.insert(0, stray);
        case 2 -> before.insert(random.nextInt(before.length() + 1), stray);
        default -> after.insert(random.nextInt(after.length() + 1), stray);
      }
    }
  }

  private String host() {
    if (localPort > 0) {
      return pick(new String[] {"127.0.0.1", "localhost", "[::1]"}) + ":" + localPort;
    }
    String host = pick(REMOTE_HOSTS);
    return random.nextInt(4) == 0 ? host : host + ":" + port();
  }

  private int port() {
    return localPort > 0 ? localPort : REMOTE_PORTS[random.nextInt(REMOTE_PORTS.length)];
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** True when {@code text} holds a marker, raw or as the UTF-8 escape a URL encoder writes for it. */
  static boolean mayHoldMarker(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (MARKERS.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    String upper = text.toUpperCase(Locale.ROOT);
    return upper.contains("%CE") || upper.contains("%CF");
  }
}
