package io.weaver.dbrouting.internal.config;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;
import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the text of environment settings: blank means unset. */
public final class SettingValues {
  private SettingValues() {}

  /** True when {@code value} is null or only white space. */
  public static boolean isUnset(@Nullable String value) {
    return value == null || value.isBlank();
  }

  /** A pool size or overflow: a whole number of zero or more. */
  public static int count(String value, String label) {
    String text = value.strip();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw invalid(label, quote(text) + " is too large", "it takes a whole number of connections such as 5",
            "use a realistic number of connections");
      }
    }
    throw invalid(label, quote(text) + " is not a whole number of zero or more",
        "it takes a whole number of connections such as 5", "write digits only, e.g. " + label + "=5");
  }

  /** A connection count given to the builder. */
  public static int count(int value, String label) {
    if (value < 0) {
      throw invalid(label, value + " is negative", "it takes a whole number of connections, zero or more",
          "pass 0 or more");
    }
    return value;
  }

  /** {@code true} or {@code false}, in any case. */
  public static boolean bool(String value, String label) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw invalid(label, quote(value.strip()) + " is not true or false", "it is a switch", "write true or false");
  }

  /** A process count or client limit: 1 or more. */
  public static int atLeastOne(int value, String label) {
    if (value < 1) {
      throw invalid(label, value + " is less than 1", "it counts processes or connections, at least one",
          "use 1 or more, or leave it unset");
    }
    return value;
  }

  /** {@code session}, {@code transaction} or {@code auto} (returned as {@code null}), in any case. */
  public static @Nullable PoolMode mode(String value, String label) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "session" -> PoolMode.SESSION;
      case "transaction" -> PoolMode.TRANSACTION;
      case "auto" -> null;
      default -> throw invalid(label, quote(value.strip()) + " is not a pool mode",
          "accepted values are session, transaction and auto",
          "use session for a session-mode pooler or a direct connection, transaction for a transaction-mode pooler "
              + "(Supabase port 6543), or auto to decide from the URL");
    };
  }

  /** {@code off}, {@code on} or {@code auto}, in any case. */
  public static PreparedStatements preparedStatements(String value, String label) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "off" -> PreparedStatements.OFF;
      case "on" -> PreparedStatements.ON;
      case "auto" -> PreparedStatements.AUTO;
      default -> throw invalid(label, quote(value.strip()) + " is not a prepared statements setting",
          "accepted values are off, on and auto",
          "use off to never name server-side statements, on to name them (session mode, or a pooler that keeps "
              + "them such as PgBouncer 1.21+ with max_prepared_statements), or auto to probe the pooler at first use");
    };
  }
}
