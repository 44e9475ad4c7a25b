package io.weaver.dbrouting.internal.text;

import io.weaver.dbrouting.InvalidSettingException;

/** Builds {@link InvalidSettingException}s in one shape: {@code SETTING: problem; rule. Fix: fix.} */
public final class SettingErrors {
  private SettingErrors() {}

  /**
   * @param setting the environment variable or builder method, e.g. {@code WORKER_DATABASE_URL}
   * @param problem what is wrong with which part, without any secret
   * @param rule what a valid value looks like
   * @param fix what to change
   */
  public static InvalidSettingException invalid(String setting, String problem, String rule, String fix) {
    String message = setting + ": " + problem + "; " + rule + ". Fix: " + fix + (fix.endsWith(".") ? "" : ".");
    return new InvalidSettingException(setting, message);
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
