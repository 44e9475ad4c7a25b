package io.weaver.dbrouting.internal.url;

import static io.weaver.dbrouting.internal.text.SettingErrors.quote;

import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.internal.text.Redaction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * Translates query parameters into pgjdbc properties: libpq names to their pgjdbc equivalents, the spellings that
 * SQLAlchemy and asyncpg users carry over, and pgjdbc's own names as they are. Anything pgjdbc would silently ignore
 * is refused by name.
 */
final class ParameterMapping {
  /** What the query said, sorted into credentials, pgjdbc properties and the pooler hint. */
  record Result(
      @Nullable String user,
      @Nullable String password,
      Map<String, String> properties,
      Map<String, String> secretProperties,
      Map<String, String> origins,
      @Nullable Boolean pgbouncerHint) {}

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final Map<String, String> TARGET_SESSION_ATTRS = Map.of(
      "any", "any",
      "read-write", "primary",
      "primary", "primary",
      "read-only", "secondary",
      "standby", "secondary",
      "prefer-standby", "preferSecondary");
  /** pgjdbc properties that make a connection unusable as a pooled, pooler-friendly one, with why. */
  private static final Map<String, String> POOL_UNSAFE = Map.of(
      "replication", "opens a replication connection, which PgBouncer refuses and a pool cannot use",
      "assumeMinServerVersion", "is set by this library; lower values make pgjdbc send SETs after connecting");
  /** Properties that a connection string must express in its authority or path, not its query. */
  private static final Set<String> LOCATION_PARAMETERS =
      Set.of("host", "hostaddr", "port", "dbname", "PGHOST", "PGPORT", "PGDBNAME");
  /** libpq parameters pgjdbc has no equivalent for, with what to do instead. */
  private static final Map<String, String> UNSUPPORTED_LIBPQ = Map.of(
      "passfile", "put the password in the connection string or the password setting",
      "service", "write the service's host, port and database into the connection string",
      "keepalives_idle", "remove it; pgjdbc turns TCP keepalive on or off and the operating system sets its timing",
      "keepalives_interval", "remove it; pgjdbc turns TCP keepalive on or off and the operating system sets its timing",
      "keepalives_count", "remove it; pgjdbc turns TCP keepalive on or off and the operating system sets its timing",
      "sslcrl", "remove it; pgjdbc checks certificates through the Java trust store and sslrootcert",
      "requiressl", "use sslmode=require");

  /** Names with a meaning of their own here, besides pgjdbc's property names. */
  private static final Set<String> OWN_NAMES = Set.of("user", "password", "sslpassword", "pgbouncer", "sslmode",
      "application_name", "connect_timeout", "target_session_attrs", "keepalives", "gssencmode", "channel_binding",
      "statement_cache_size", "prepared_statement_cache_size", "ssl");

  private ParameterMapping() {}

  /** True for a parameter name this library or pgjdbc knows, as written (pgjdbc's names are case-sensitive). */
  static boolean isKnown(String name) {
    return OWN_NAMES.contains(name) || LOCATION_PARAMETERS.contains(name) || POOL_UNSAFE.containsKey(name)
        || UNSUPPORTED_LIBPQ.containsKey(name) || PGProperty.forName(name) != null;
  }

  static Result map(List<Map.Entry<String, String>> query, boolean jdbcScheme, Disclosure disclosure) {
    Collector out = new Collector(disclosure);
    String secretBefore = null;
    for (int i = 0; i < query.size(); i++) {
      Map.Entry<String, String> parameter = query.get(i);
      try {
        out.add(parameter.getKey(), parameter.getValue(), i, jdbcScheme);
      } catch (InvalidSettingException e) {
        throw secretBefore == null ? e : QueryParser.afterSecret(disclosure, secretBefore);
      }
      if (Redaction.isSecretProperty(parameter.getKey())) {
        secretBefore = parameter.getKey();
      }
    }
    return new Result(out.user, out.password, out.properties, out.secrets, out.origins, out.pgbouncerHint);
  }

  private static final class Collector {
    private final Disclosure disclosure;
    private @Nullable String user;
    private @Nullable String password;
    private @Nullable Boolean pgbouncerHint;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    /** Position of the parameter being added, for messages that must not name it. */
    private int index;

    Collector(Disclosure disclosure) {
      this.disclosure = disclosure;
    }

    void add(String name, String value, int index, boolean jdbcScheme) {
      this.index = index;
      switch (name) {
        case "user" -> user = value;
        case "password" -> password = value;
        case "sslpassword" -> put("sslpassword", value, name);
        case "pgbouncer" -> pgbouncerHint = bool(name, value);
        case "sslmode" -> put("sslmode", oneOf(name, value, SSL_MODES), name);
        case "application_name" -> put(PGProperty.APPLICATION_NAME.getName(), value, name);
        case "connect_timeout" -> put(PGProperty.CONNECT_TIMEOUT.getName(), String.valueOf(count(name, value)), name);
        case "target_session_attrs" -> put(PGProperty.TARGET_SERVER_TYPE.getName(),
            TARGET_SESSION_ATTRS.getOrDefault(oneOf(name, value, TARGET_SESSION_ATTRS.keySet()), value), name);
        case "keepalives" -> put(PGProperty.TCP_KEEP_ALIVE.getName(), String.valueOf(bool(name, value)), name);
        case "gssencmode" -> pgjdbc(PGProperty.GSS_ENC_MODE, value, name);
        case "channel_binding" -> pgjdbc(PGProperty.CHANNEL_BINDING, value, name);
        case "statement_cache_size", "prepared_statement_cache_size" -> statementCache(name, value);
        case "ssl" -> {
          if (jdbcScheme) {
            pgjdbc(name, value);
          } else {
            put("sslmode", sslFlag(name, value), name);
          }
        }
        default -> {
          if (LOCATION_PARAMETERS.contains(name)) {
            throw disclosure.invalid("query parameter " + quote(name) + " sets the server location",
                "hosts, ports and the database belong before the query: postgresql://USER:PASSWORD@HOST:PORT/DATABASE",
                "move it into the host list or path and remove the parameter");
          }
          if (POOL_UNSAFE.containsKey(name)) {
            throw disclosure.invalid("query parameter " + quote(name) + " " + POOL_UNSAFE.get(name),
                "the pools set what a pooler needs themselves", "remove " + quote(name));
          }
          if (UNSUPPORTED_LIBPQ.containsKey(name)) {
            throw disclosure.invalid("query parameter " + quote(name) + " is a libpq setting pgjdbc has no equivalent for",
                "only parameters pgjdbc can apply are accepted", UNSUPPORTED_LIBPQ.get(name));
          }
          pgjdbc(name, value);
        }
      }
    }

    private void pgjdbc(String name, String value) {
      PGProperty property = PGProperty.forName(name);
      if (property == null) {
        PGProperty caseless = Arrays.stream(PGProperty.values())
            .filter(p -> p.getName().equalsIgnoreCase(name)).findFirst().orElse(null);
        String fix = caseless != null
            ? "write it as " + quote(caseless.getName()) + " (pgjdbc property names are case-sensitive)"
            : "remove it, or use the libpq or pgjdbc name of the setting you mean";
        throw disclosure.invalid(disclosure.parameter(name, index) + " is neither a libpq parameter pgjdbc supports "
                + "nor a pgjdbc property, so pgjdbc would silently ignore it",
            "accepted are libpq names (sslmode, application_name, connect_timeout, ...), statement_cache_size, "
                + "pgbouncer, and pgjdbc property names", fix);
      }
      pgjdbc(property, value, name);
    }

    /** Checks a value against what pgjdbc declares for the property: its choices, or the type of its default. */
    private void pgjdbc(PGProperty property, String value, String origin) {
      String[] choices = property.getChoices();
      if (choices != null && choices.length > 0) {
        oneOf(origin, value, Set.of(choices));
      }
      String defaultValue = property.getDefaultValue();
      if (defaultValue != null && defaultValue.matches("-?\\d+") && !value.strip().matches("-?\\d+")) {
        throw disclosure.invalid("query parameter " + quote(origin) + disclosure.hasValue(value)
                + " is not a whole number", "pgjdbc reads " + property.getName() + " as a whole number",
            "write " + origin + "=NUMBER (pgjdbc's default is " + defaultValue + ")");
      }
      if (("true".equals(defaultValue) || "false".equals(defaultValue))
          && !Set.of("true", "false").contains(value.toLowerCase(Locale.ROOT))) {
        throw disclosure.invalid("query parameter " + quote(origin) + disclosure.hasValue(value)
                + " is not true or false", "pgjdbc reads " + property.getName() + " as true or false",
            "write " + origin + "=true or " + origin + "=false");
      }
      put(property.getName(), value, origin);
    }

    private void statementCache(String name, String value) {
      int size = count(name, value);
      put(PGProperty.PREPARED_STATEMENT_CACHE_QUERIES.getName(), String.valueOf(size), name);
      if (size == 0) {
        put(PGProperty.PREPARE_THRESHOLD.getName(), "0", name);
      }
    }

    private void put(String property, String value, String origin) {
      Map<String, String> target = Redaction.isSecretProperty(property) ? secrets : properties;
      if (target.containsKey(property)) {
        throw disclosure.invalid("query parameters " + quote(origins.getOrDefault(property, property)) + " and "
                + quote(origin)
                + " both set pgjdbc's " + quote(property), "each setting may be given once", "keep one of them");
      }
      target.put(property, value);
      origins.put(property, origin);
    }

    private String sslFlag(String name, String value) {
      String lower = value.toLowerCase(Locale.ROOT);
      return switch (lower) {
        case "true", "1", "on", "yes" -> "require";
        case "false", "0", "off", "no" -> "disable";
        default -> oneOf(name, lower, SSL_MODES);
      };
    }

    private boolean bool(String name, String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "1", "on", "yes" -> true;
        case "false", "0", "off", "no" -> false;
        default -> throw disclosure.invalid("query parameter " + quote(name) + disclosure.hasValue(value)
                + " is not a yes/no value", "use true or false (1 or 0)", "write " + name + "=true or "
                + name + "=false");
      };
    }

    private int count(String name, String value) {
      try {
        int number = Integer.parseInt(value);
        if (number >= 0) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw disclosure.invalid("query parameter " + quote(name) + disclosure.hasValue(value)
              + " is not a whole number of zero or more", "it takes a whole number such as 0 or 10",
          "write " + name + "=NUMBER");
    }

    private String oneOf(String name, String value, Set<String> allowed) {
      if (allowed.contains(value)) {
        return value;
      }
      throw disclosure.invalid("query parameter " + quote(name) + disclosure.hasValue(value)
          + " it does not accept", "accepted values are " + String.join(", ", allowed.stream().sorted().toList()),
          "use one of those values");
    }
  }
}
