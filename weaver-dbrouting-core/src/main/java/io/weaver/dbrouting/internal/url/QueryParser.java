package io.weaver.dbrouting.internal.url;

import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.internal.text.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits a query into decoded {@code NAME=VALUE} pairs, in order; empty pairs ({@code &&}) are skipped. */
final class QueryParser {
  private QueryParser() {}

  static List<Map.Entry<String, String>> parse(String query, boolean jdbc, Disclosure disclosure) {
    Map<String, String> seen = new LinkedHashMap<>();
    String secretBefore = null;
    int index = 0;
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      try {
        Map.Entry<String, String> parameter = readPair(pair, index, jdbc, disclosure);
        if (seen.put(parameter.getKey(), parameter.getValue()) != null) {
          String name = parameter.getKey();
          throw disclosure.invalid(disclosure.parameter(name, index) + " is given twice",
              "each parameter may appear once", disclosure.mayName(name) ? "keep one " + quote(name) : "keep one of them");
        }
        if (Redaction.isSecretProperty(parameter.getKey())) {
          secretBefore = parameter.getKey();
        }
      } catch (InvalidSettingException e) {
        if (secretBefore != null) {
          throw afterSecret(disclosure, secretBefore);
        }
        // An earlier name this library does not know may be a garbled password parameter (pass:word=...) whose '&'
        // made this pair out of the password's tail: that earlier parameter's own error comes first.
        ParameterMapping.map(new ArrayList<>(seen.entrySet()), jdbc, disclosure);
        throw e;
      }
      index++;
    }
    return new ArrayList<>(seen.entrySet());
  }

  /**
   * A parameter after {@code password=} may be the rest of a password with an unencoded '&amp;'; it is described,
   * never quoted.
   */
  static InvalidSettingException afterSecret(Disclosure disclosure, String secret) {
    return disclosure.invalid("a query parameter after " + quote(secret) + " is not valid",
        "a '&' inside a password ends it, so the rest of the password would be read as another parameter",
        "if the " + secret + " contains '&', write it as %26; otherwise correct the parameters that follow it");
  }

  private static Map.Entry<String, String> readPair(String pair, int index, boolean jdbc, Disclosure disclosure) {
    int eq = pair.indexOf('=');
    if (eq < 0) {
      // a lone word may be a password pasted in the wrong place: named only when it is a known parameter
      String shown = ParameterMapping.isKnown(pair) ? "query parameter " + quote(pair) : Disclosure.unnamed(index);
      throw disclosure.invalid(shown + " has no value", "query parameters are written NAME=VALUE",
          "write it as NAME=VALUE, or remove it");
    }
    String rawKey = pair.substring(0, eq);
    String key;
    try {
      key = PercentDecoder.decode(rawKey, jdbc);
    } catch (PercentDecoder.MalformedEscapeException e) {
      throw disclosure.notEncoded("the name of " + disclosure.name(rawKey, index), e, disclosure.mayQuote());
    }
    if (key.isEmpty()) {
      throw disclosure.invalid("a query parameter has an empty name", "query parameters are written NAME=VALUE",
          "remove the stray '=' or name the parameter");
    }
    boolean secret = Redaction.isSecretProperty(key);
    String rawValue = pair.substring(eq + 1);
    String value;
    try {
      value = PercentDecoder.decode(rawValue, jdbc);
    } catch (PercentDecoder.MalformedEscapeException e) {
      boolean show = disclosure.mayQuoteValueOf(key);
      throw disclosure.notEncoded("the value of " + disclosure.name(key, index)
          + (show ? " (" + quote(rawValue) + ")" : ""), e, show);
    }
    if (!secret && value.chars().anyMatch(Character::isISOControl)) {
      throw disclosure.invalid("the value of " + disclosure.name(key, index) + " contains a control character",
          "values are printable text", "remove the encoded line break or control character from it");
    }
    return Map.entry(key, value);
  }

}
