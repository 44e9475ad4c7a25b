package io.weaver.dbrouting.internal.url;

import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.internal.text.Redaction;
import io.weaver.dbrouting.internal.text.SettingErrors;

/**
 * What the messages about one connection string may quote. A fragment is quoted only when it cannot be part of a
 * password; otherwise the message says which part is wrong ("the 2nd host") without showing it.
 *
 * <ul>
 *   <li>The scheme and the user name come before any password: {@link UrlParser} quotes them itself.
 *   <li>Hosts, ports, the path and the query are quoted only when the userinfo holds no password and no query value
 *       holds an '@'. A password with an unencoded '@' and no host after it ({@code postgresql://user:pa@ss/x}) puts
 *       its tail where the host, path and query stand; and an '@' in a query value may end credentials that hold an
 *       unencoded '/' or '?'.
 *   <li>Values are quoted only for parameters this library knows, never for {@code password} or {@code sslpassword}:
 *       a name it does not know may be a garbled one ({@code pass:word=...}).
 *   <li>Query parameters after a {@code password} or {@code sslpassword} parameter are never quoted (an unencoded
 *       '&amp;' in it would make the rest of it look like parameters); {@link QueryParser} handles that.
 *   <li>Parameter names this library knows ({@code sslmode}, pgjdbc's property names, ...) are always named: they are
 *       its own vocabulary, and a message that had to leave them out would have to describe their rules instead,
 *       which gives them away just the same.
 * </ul>
 */
final class Disclosure {
  private final String setting;
  private final boolean quoteRest;
  private final boolean atInQueryValue;

  /**
   * What messages about this connection string may quote.
   *
   * @param setting named in every error
   * @param passwordInUserinfo the userinfo holds a password (a ':' before its '@')
   * @param atInQueryValue a query value holds an '@', which may be the end of credentials
   */
  Disclosure(String setting, boolean passwordInUserinfo, boolean atInQueryValue) {
    this.setting = setting;
    this.quoteRest = !passwordInUserinfo && !atInQueryValue;
    this.atInQueryValue = atInQueryValue;
  }

  /** True when hosts, ports, path and query may be quoted. */
  boolean mayQuote() {
    return quoteRest;
  }

  /**
   * {@code the KIND "FRAGMENT"} when it may be quoted, else {@code the KIND} (or {@code the 2nd KIND} among several).
   *
   * @param index zero-based position among {@code count} parts of this kind
   */
  String part(String kind, String fragment, int index, int count) {
    if (quoteRest) {
      return "the " + kind + " " + quote(fragment);
    }
    return count == 1 ? "the " + kind : "the " + ordinal(index + 1) + " " + kind;
  }

  /** True when a message may name this query parameter: always when this library knows the name. */
  boolean mayName(String name) {
    return quoteRest || ParameterMapping.isKnown(name);
  }

  /** {@code query parameter "NAME"} when it may be named, else {@code the 2nd query parameter}. */
  String parameter(String name, int index) {
    return mayName(name) ? "query parameter " + quote(name) : unnamed(index);
  }

  /** {@code "NAME"} when it may be named, else {@code the 2nd query parameter}. */
  String name(String name, int index) {
    return mayName(name) ? quote(name) : unnamed(index);
  }

  /** {@code the 2nd query parameter}, for one that must not be named. */
  static String unnamed(int index) {
    return "the " + ordinal(index + 1) + " query parameter";
  }

  /**
   * True when the value of the parameter {@code name} may be quoted: only for a parameter this library knows and that
   * is no secret. An unknown name may be a misspelt or garbled {@code password} ({@code pass:word=...}).
   */
  boolean mayQuoteValueOf(String name) {
    return quoteRest && ParameterMapping.isKnown(name) && !Redaction.isSecretProperty(name);
  }

  /**
   * {@code  has value "VALUE", which} or {@code  has a value that}, to be followed by what is wrong with it; for the
   * value of a parameter this library knows.
   */
  String hasValue(String value) {
    return quoteRest ? " has value " + quote(value) + ", which" : " has a value that";
  }

  /**
   * An error about this string. When a query value holds an '@', the fix also says how to encode a password whose
   * unencoded '/' or '?' may have put it there.
   */
  InvalidSettingException invalid(String problem, String rule, String fix) {
    String withHint = atInQueryValue
        ? fix + (fix.endsWith(".") ? " " : ". ") + "A query value holds an '@': if it ends a password with an unencoded "
            + "'/', '?' or '#', percent-encode the password ('/' as %2F, '?' as %3F, '#' as %23, '@' as %40)"
        : fix;
    return SettingErrors.invalid(setting, problem, rule, withHint);
  }

  /** A value that is not properly percent-encoded; where its '%' stands is shown only with {@code showPosition}. */
  InvalidSettingException notEncoded(String what, PercentDecoder.MalformedEscapeException e, boolean showPosition) {
    return invalid(what + " is not properly percent-encoded: " + e.describe(showPosition),
        "a '%' must start an escape such as %40; a literal '%' is written %25",
        "write each '%' in it as %25, or fix the broken escape");
  }

  private static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }
}
