package io.weaver.dbrouting.internal.url;

import io.weaver.dbrouting.internal.text.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A connection string taken apart and translated for pgjdbc.
 *
 * @param scheme the scheme as written, lower case ({@code postgresql}, {@code jdbc:postgresql}, ...)
 * @param user decoded user name, or {@code null}
 * @param password decoded password, or {@code null}
 * @param hosts one or more hosts, in order
 * @param database decoded database name, or {@code null} (pgjdbc then uses the user name)
 * @param properties pgjdbc properties from the query, by pgjdbc name, in order; no user, password or other secret
 * @param secretProperties pgjdbc properties whose values are secrets ({@code sslpassword})
 * @param origins for each pgjdbc property, the query parameter it came from as written
 * @param pgbouncerHint the {@code pgbouncer=} hint: {@code TRUE}, {@code FALSE}, or {@code null} when absent
 */
public record ParsedUrl(
    String scheme,
    @Nullable String user,
    @Nullable String password,
    List<HostPort> hosts,
    @Nullable String database,
    Map<String, String> properties,
    Map<String, String> secretProperties,
    Map<String, String> origins,
    @Nullable Boolean pgbouncerHint) {

  public ParsedUrl {
    hosts = List.copyOf(hosts);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    secretProperties = Map.copyOf(secretProperties);
    origins = Map.copyOf(origins);
  }

  /** {@code host:port[,host:port]/database}: where the connection goes, with no secret. */
  public String endpoint() {
    return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","))
        + "/" + (database == null ? "" : database);
  }

  /** Where the named pgjdbc property came from, as written in the connection string. */
  public String originOf(String property) {
    return origins.getOrDefault(property, property);
  }

  /** The connection string in URL form with the password masked; secret properties are named, not shown. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(scheme).append("://");
    if (user != null) {
      out.append(user).append(password == null ? "" : ":" + Redaction.MASK).append('@');
    }
    out.append(endpoint());
    String separator = "?";
    for (Map.Entry<String, String> property : properties.entrySet()) {
      out.append(separator).append(property.getKey()).append('=').append(property.getValue());
      separator = "&";
    }
    for (String secret : secretProperties.keySet()) {
      out.append(separator).append(secret).append('=').append(Redaction.MASK);
      separator = "&";
    }
    return out.toString();
  }
}
