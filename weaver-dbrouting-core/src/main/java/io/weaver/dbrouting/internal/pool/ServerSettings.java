package io.weaver.dbrouting.internal.pool;

import static io.weaver.dbrouting.internal.text.SettingErrors.invalid;
import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Per-role PostgreSQL settings such as {@code jit=off}. A session-mode pool applies them with {@code SET} when it
 * opens a connection; a transaction-mode pool cannot (the {@code SET} would reach other clients, and PgBouncer refuses
 * them in the startup packet), so they are refused there. Names and values are checked against a strict grammar and
 * the value is quoted, so nothing user-supplied reaches SQL unchecked.
 */
public final class ServerSettings {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:+\\-/ %]{1,200}");

  private ServerSettings() {}

  /** Parses {@code name=value[,name=value...]} as written in an environment variable. */
  public static Map<String, String> parse(String text, String label) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw invalid(label, "the entry " + quote(pair.strip()) + " has no '='",
            "it takes name=value pairs separated by commas, e.g. jit=off,statement_timeout=30s",
            "write each setting as name=value");
      }
      put(settings, pair.substring(0, eq).strip(), pair.substring(eq + 1).strip(), label);
    }
    return settings;
  }

  /** Checks one setting and adds it; a name given twice is refused. */
  public static void put(Map<String, String> settings, String name, String value, String label) {
    if (!NAME.matcher(name).matches()) {
      throw invalid(label, "the setting name " + quote(name) + " is not a PostgreSQL setting name",
          "names are letters, digits and underscores, optionally with one dot (custom settings such as app.tenant)",
          "use the name as SHOW knows it, e.g. jit or statement_timeout");
    }
    if (!VALUE.matcher(value).matches()) {
      throw invalid(label, "the value of " + quote(name) + " holds a character settings do not need, or is empty",
          "values are 1 to 200 letters, digits, spaces and . _ : + - / %; quotes, semicolons and control characters "
              + "are refused so that no value can change the SQL that applies it",
          "write a plain value, e.g. off, 30s or 64MB");
    }
    if (settings.putIfAbsent(name, value) != null) {
      throw invalid(label, "the setting " + quote(name) + " is given twice", "each setting may appear once",
          "keep one " + name);
    }
  }

  /** The statements a session-mode pool runs on each new connection. */
  public static String sql(Map<String, String> settings) {
    return settings.entrySet().stream()
        .map(e -> "SET " + e.getKey() + " TO '" + e.getValue().replace("'", "''") + "'")
        .collect(Collectors.joining("; "));
  }

  /** The error for server settings on a transaction-mode pool, with what works instead. */
  public static IllegalArgumentException refusedOnTransactionPool(Map<String, String> settings, String label,
      String modeLabel) {
    Map.Entry<String, String> first = settings.entrySet().iterator().next();
    return invalid(label, "server settings (" + String.join(", ", settings.keySet()) + ") cannot be applied on a "
            + "transaction-mode pool: a SET would stay on a server connection other clients get next, and PgBouncer "
            + "refuses them in the startup packet",
        "a transaction-mode pool sets no session state",
        "set them for the database role once with ALTER ROLE <user> SET " + first.getKey() + " = '" + first.getValue()
            + "', or with SET LOCAL " + first.getKey() + " = '" + first.getValue() + "' inside each transaction"
            + " (or set " + modeLabel + "=session if this endpoint is really a session-mode pooler)");
  }
}
