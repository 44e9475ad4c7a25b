package io.weaver.dbrouting;

import io.weaver.dbrouting.internal.url.JdbcUrlWriter;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import io.weaver.dbrouting.internal.url.UrlParser;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL connection string as people paste it ({@code postgresql://}, {@code postgres://},
 * {@code postgresql+asyncpg://}, {@code jdbc:postgresql://}, ...), translated for pgjdbc.
 *
 * <pre>{@code
 * DatabaseUrl url = DatabaseUrl.parse(System.getenv("DATABASE_URL"));
 * Connection c = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
 * }</pre>
 *
 * <p>User and password are percent-decoded (a {@code +} stays a {@code +}). libpq query parameters become their pgjdbc
 * equivalents ({@code sslmode}, {@code application_name} to {@code ApplicationName}, {@code connect_timeout} to
 * {@code connectTimeout}, {@code target_session_attrs} to {@code targetServerType}, ...), asyncpg's
 * {@code statement_cache_size=0} turns off server-side prepared statements, {@code pgbouncer=true} is kept as a
 * transaction-mode hint, and any parameter pgjdbc would silently ignore is refused. {@link #toString()} masks the
 * password.
 */
public final class DatabaseUrl {
  private final ParsedUrl parsed;

  private DatabaseUrl(ParsedUrl parsed) {
    this.parsed = parsed;
  }

  /**
   * Parses a connection string.
   *
   * @throws InvalidSettingException naming what is wrong and how to fix it, without the password
   */
  public static DatabaseUrl parse(String url) {
    return parse(url, "database URL");
  }

  static DatabaseUrl parse(String url, String setting) {
    return new DatabaseUrl(UrlParser.parse(url, setting));
  }

  /**
   * A {@code jdbc:postgresql://} URL with every connection parameter of the input, translated for pgjdbc, except the
   * user, the password and {@code sslpassword}.
   */
  public String jdbcUrl() {
    return JdbcUrlWriter.withProperties(parsed);
  }

  /** The decoded user name, or {@code null} when the string has none. */
  public @Nullable String username() {
    return parsed.user();
  }

  /** The decoded password, or {@code null} when the string has none. */
  public @Nullable String password() {
    return parsed.password();
  }

  /** {@code host:port[,host:port]/database}: where connections go, with no secret. */
  public String endpoint() {
    return parsed.endpoint();
  }

  ParsedUrl parsed() {
    return parsed;
  }

  /** The connection string with the password masked. */
  @Override
  public String toString() {
    return parsed.toString();
  }
}
