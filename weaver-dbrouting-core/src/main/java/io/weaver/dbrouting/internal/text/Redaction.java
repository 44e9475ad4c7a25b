package io.weaver.dbrouting.internal.text;

import java.util.Locale;

/** Which connection settings are secrets, and how a masked one looks. */
public final class Redaction {
  /** What a masked secret looks like. */
  public static final String MASK = "****";

  private Redaction() {}

  /** True when {@code name} is a connection property whose value is a secret. */
  public static boolean isSecretProperty(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("password") || lower.equals("sslpassword");
  }
}
