package io.weaver.dbrouting.internal.text;

import io.weaver.dbrouting.InvalidSettingException;

/** Builds {@link InvalidSettingException}s, and quotes user-supplied fragments for them. */
public final class SettingErrors {
  private SettingErrors() {}

  /**
   * An error naming the setting, the problem, the rule and the fix.
   *
   * @param setting the environment variable, property or builder method, e.g. {@code WORKER_DATABASE_URL}
   * @param problem what is wrong with which part, without any secret
   * @param rule what a valid value looks like
   * @param fix what to change
   */
  public static InvalidSettingException invalid(String setting, String problem, String rule, String fix) {
    return new InvalidSettingException(setting, problem, rule, fix);
  }

  /** Quotes a user-supplied fragment for a message, showing control characters as escapes. */
  public static String quote(String fragment) {
    StringBuilder out = new StringBuilder(fragment.length() + 2).append('"');
    for (int i = 0; i < fragment.length(); i++) {
      char c = fragment.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
