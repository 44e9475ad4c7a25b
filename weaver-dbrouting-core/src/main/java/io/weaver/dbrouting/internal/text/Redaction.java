package io.weaver.dbrouting.internal.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in connection strings before they reach a message or log line. It errs on the side of masking too
 * much: it works on malformed input too, because malformed input is exactly what error messages show.
 */
public final class Redaction {
  /** What a masked secret looks like. */
  public static final String MASK = "****";

  private static final Pattern SECRET_QUERY_VALUE =
      Pattern.compile("([?&;](?:ssl)?password=)[^&;#]*", Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  /**
   * Masks the password of the user-info part ({@code user:PASSWORD@}) and the values of {@code password} and
   * {@code sslpassword} query parameters.
   */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = url;
    int schemeEnd = masked.indexOf("://");
    int at = masked.lastIndexOf('@');
    if (schemeEnd >= 0 && at > schemeEnd) {
      int colon = masked.indexOf(':', schemeEnd + 3);
      if (colon >= 0 && colon < at) {
        masked = masked.substring(0, colon + 1) + MASK + masked.substring(at);
      }
    }
    Matcher matcher = SECRET_QUERY_VALUE.matcher(masked);
    return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
  }

  /** True when {@code name} is a connection property whose value is a secret. */
  public static boolean isSecretProperty(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("password") || lower.equals("sslpassword");
  }
}
