package io.weaver.dbrouting.internal.url;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes pgjdbc URLs. pgjdbc form-decodes the database name and query values, so they are form-encoded here. */
public final class JdbcUrlWriter {
  private JdbcUrlWriter() {}

  /** {@code jdbc:postgresql://HOSTS/DATABASE} with no query. */
  public static String base(ParsedUrl url) {
    return "jdbc:postgresql://"
        + url.hosts().stream().map(HostPort::toString).collect(Collectors.joining(","))
        + "/" + (url.database() == null ? "" : encode(url.database()));
  }

  /** {@link #base} plus every non-secret property of {@code url}. */
  public static String withProperties(ParsedUrl url) {
    Map<String, String> properties = url.properties();
    if (properties.isEmpty()) {
      return base(url);
    }
    return base(url) + "?" + properties.entrySet().stream()
        .map(e -> e.getKey() + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
