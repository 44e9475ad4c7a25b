package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad value is refused with a message that names the variable, says what is wrong, and hides the password. */
class BadSettingsTests {
  private static final String SECRET = "Sup3rS3cret";
  private static final String GOOD = "postgresql://app:" + SECRET + "@db.example.com:5432/app";
  private static final String GOOD_WORKER = "postgresql://app:" + SECRET + "@db.example.com:6543/app";

  static Stream<Arguments> badUrls() {
    String u = "app:" + SECRET;
    return Stream.of(
        Arguments.of("mysql://" + u + "@h:3306/app", "scheme \"mysql\" is not a PostgreSQL scheme"),
        Arguments.of("http://" + u + "@h/app", "is not a PostgreSQL scheme"),
        Arguments.of("postgresql+://" + u + "@h/app", "is not a PostgreSQL scheme"),
        Arguments.of("db.example.com:5432/app", "has no scheme"),
        Arguments.of(u + "@db.example.com:5432/app", "has no scheme"),
        Arguments.of("jdbc:postgresql:app", "names no host"),
        Arguments.of("jdbc:mysql://h/app", "is not a PostgreSQL scheme"),
        Arguments.of("postgresql://" + u + "@/app", "names no host"),
        Arguments.of("postgresql://" + u + "@:5432/app", "the host entry has no host name before ':'"),
        Arguments.of("postgresql:///app", "names no host"),
        Arguments.of("postgresql://" + u + "@h:/app", "port after the host is empty"),
        Arguments.of("postgresql://" + u + "@h:abc/app", "port after the host is not a number"),
        Arguments.of("postgresql://" + u + "@h:65536/app", "port after the host is out of range"),
        Arguments.of("postgresql://" + u + "@h:0/app", "port after the host is out of range"),
        Arguments.of("postgresql://" + u + "@h:-1/app", "port after the host is not a number"),
        Arguments.of("postgresql://" + u + "@[::1]:99999/app", "port after the host is out of range"),
        Arguments.of("postgresql://" + u + "@h:5432:5433/app", "a host entry has more than one ':'"),
        Arguments.of("postgresql://" + u + "@h1,,h2/app", "empty entry"),
        Arguments.of("postgresql://" + u + "@[::1/app", "no closing ']'"),
        Arguments.of("postgresql://" + u + "@[zz::1]/app", "is not an IPv6 address"),
        Arguments.of("postgresql://" + u + "@[::1]x/app", "has text after ']'"),
        Arguments.of("postgresql://" + u + "@h%2Fsock/app", "is percent-encoded"),
        Arguments.of("postgresql://" + u + "@h!st/app", "characters a host name cannot have"),
        Arguments.of("postgresql://app:Sup3r%zzS3cret@h/app", "the password is not properly percent-encoded"),
        Arguments.of("postgresql://app:Sup3rS3cret%@h/app", "the password is not properly percent-encoded"),
        Arguments.of("postgresql://app:Sup3r%C3S3cret@h/app", "do not decode to UTF-8"),
        Arguments.of("postgresql://ap%p:" + SECRET + "@h/app", "the user name \"ap%p\" is not properly"),
        Arguments.of("postgresql://:" + SECRET + "@h/app", "user name before '@' is empty"),
        Arguments.of("postgresql://app:Sup3r/S3cret@h/app", "holds one of them unencoded"),
        Arguments.of("postgresql://app:Sup3r?S3cret@h/app", "holds one of them unencoded"),
        Arguments.of("postgresql://app:Sup3r#S3cret@h/app", "holds one of them unencoded"),
        Arguments.of("postgresql://" + u + "@h/app/extra", "more than one segment"),
        Arguments.of("postgresql://" + u + "@h/app#frag", "'#' fragment"),
        Arguments.of("postgresql://" + u + "@h/app?sslmode", "parameter \"sslmode\" has no value"),
        Arguments.of("postgresql://" + u + "@h/app?=x", "empty name"),
        Arguments.of("postgresql://" + u + "@h/app?sslmode=require&sslmode=disable", "is given twice"),
        Arguments.of("postgresql://" + u + "@h/app?sslmode=sometimes", "\"sslmode\" has a value that it does not accept"),
        Arguments.of("postgresql://" + u + "@h/app?ssl=maybe", "\"ssl\" has a value that it does not accept"),
        Arguments.of("postgresql://" + u + "@h/app?connect_timeout=soon", "not a whole number"),
        Arguments.of("postgresql://" + u + "@h/app?statement_cache_size=-1", "not a whole number"),
        Arguments.of("postgresql://" + u + "@h/app?target_session_attrs=whatever", "does not accept"),
        Arguments.of("postgresql://" + u + "@h/app?pgbouncer=perhaps", "not a yes/no value"),
        Arguments.of("postgresql://" + u + "@h/app?frobnicate=1", "the 1st query parameter is neither a libpq parameter"),
        Arguments.of("postgresql://" + u + "@h/app?preparethreshold=0", "write it as \"prepareThreshold\""),
        Arguments.of("postgresql://" + u + "@h/app?host=other", "sets the server location"),
        Arguments.of("postgresql://" + u + "@h/app?port=6543", "sets the server location"),
        Arguments.of("postgresql://" + u + "@h/app?passfile=/x", "has no equivalent"),
        Arguments.of("postgresql://" + u + "@h/app?keepalives_idle=30", "has no equivalent"),
        Arguments.of("postgresql://" + u + "@h/app?sslmode=require&ssl=true", "both set pgjdbc's \"sslmode\""),
        Arguments.of("postgresql://" + u + "@h/app?statement_cache_size=0&prepareThreshold=5", "both set pgjdbc's"),
        Arguments.of("postgresql://" + u + "@h/app?user=other", "user name is given both"),
        Arguments.of("postgresql://" + u + "@h/app?password=" + SECRET, "password is given both"),
        Arguments.of("postgresql://" + u + "@h/app?application_name=a%zz", "is not properly percent-encoded"),
        Arguments.of("postgresql://" + u + "@h/app?password=Sup3r%zzS3cret", "the value of \"password\" is not"),
        Arguments.of("postgresql://" + u + "@db example.com/app", "space or control character"),
        Arguments.of("postgresql://" + u + "@h/app\npostgresql://x", "space or control character"),
        Arguments.of("postgresql://h/app", "names no user"),
        Arguments.of("postgresql://" + u + "@h/app?loggerLevel=LOUD", "\"loggerLevel\" has a value that it does not accept"),
        Arguments.of("postgresql://" + u + "@h/app?gssencmode=bogus", "\"gssencmode\" has a value that it does not accept"),
        Arguments.of("postgresql://" + u + "@h/app?channel_binding=maybe", "\"channel_binding\" has a value"),
        Arguments.of("postgresql://" + u + "@h/app?prepareThreshold=abc", "has a value that is not a whole number"),
        Arguments.of("postgresql://" + u + "@h/app?tcpKeepAlive=sometimes", "has a value that is not true or false"),
        Arguments.of("postgresql://" + u + "@h/app?replication=database", "opens a replication connection"),
        Arguments.of("postgresql://" + u + "@h/app?assumeMinServerVersion=8.4", "is set by this library"),
        Arguments.of("postgresql://" + u + "@h/app?application_name=a%0Ab", "contains a control character"),
        Arguments.of("postgresql://" + u + "@h/d%0Ab", "database name contains a control character"),
        Arguments.of("postgresql://" + u + "@h/app?password=x&sslmode=bad", "a query parameter after \"password\""),
        Arguments.of("postgresql://" + u + "@h:1234/x=y@host", "holds one of them unencoded"));
  }

  @ParameterizedTest(name = "DATABASE_URL={0}")
  @MethodSource("badUrls")
  void badApiUrlIsRefusedNamingDatabaseUrl(String url, String problem) {
    assertRefused(Map.of("DATABASE_URL", url), "DATABASE_URL", problem);
  }

  @ParameterizedTest(name = "WORKER_DATABASE_URL={0}")
  @MethodSource("badUrls")
  void badWorkerUrlIsRefusedNamingWorkerDatabaseUrl(String url, String problem) {
    assertRefused(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_URL", url), "WORKER_DATABASE_URL", problem);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Map.of(), "DATABASE_URL", "is not set"),
        Arguments.of(Map.of("WORKER_DATABASE_URL", GOOD_WORKER), "DATABASE_URL", "is not set"),
        Arguments.of(Map.of("DATABASE_URL", " \t "), "DATABASE_URL", "is not set"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "DATABASE_POOL_MODE", "pooled"), "DATABASE_POOL_MODE",
            "\"pooled\" is not a pool mode"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_POOL_MODE", "statement"),
            "WORKER_DATABASE_POOL_MODE", "\"statement\" is not a pool mode"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "DATABASE_POOL_SIZE", "ten"), "DATABASE_POOL_SIZE",
            "\"ten\" is not a whole number"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "DATABASE_POOL_SIZE", "-3"), "DATABASE_POOL_SIZE",
            "\"-3\" is not a whole number"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "DATABASE_MAX_OVERFLOW", "1.5"), "DATABASE_MAX_OVERFLOW",
            "\"1.5\" is not a whole number"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_POOL_SIZE", "5x"), "WORKER_DATABASE_POOL_SIZE",
            "\"5x\" is not a whole number"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_MAX_OVERFLOW", "99999999999"),
            "WORKER_DATABASE_MAX_OVERFLOW", "is too large"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_CHECK_POOL_MODE", "yes please"),
            "WORKER_DATABASE_CHECK_POOL_MODE", "\"yes please\" is not true or false"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "DATABASE_PROCESSES", "0"), "DATABASE_PROCESSES",
            "0 is less than 1"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_CLIENT_LIMIT", "many"),
            "WORKER_DATABASE_CLIENT_LIMIT", "\"many\" is not a whole number"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "DATABASE_POOL_SIZE", "0", "DATABASE_MAX_OVERFLOW", "0"),
            "DATABASE_POOL_SIZE", "leave the pool no connection"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_POOL_SIZE", "0",
            "WORKER_DATABASE_MAX_OVERFLOW", "0"), "WORKER_DATABASE_POOL_SIZE", "leave the pool no connection"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_URL", GOOD_WORKER + "?prepareThreshold=5"),
            "WORKER_DATABASE_URL", "\"prepareThreshold=5\" makes pgjdbc name server-side prepared statements"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_URL", GOOD_WORKER + "?readOnlyMode=always"),
            "WORKER_DATABASE_URL", "readOnlyMode=always makes pgjdbc send SET SESSION CHARACTERISTICS"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_URL", GOOD_WORKER + "?currentSchema=app"),
            "WORKER_DATABASE_URL", "\"currentSchema\" sets session state"),
        Arguments.of(Map.of("DATABASE_URL", GOOD, "WORKER_DATABASE_URL", GOOD_WORKER + "?options=-c%20jit%3Doff"),
            "WORKER_DATABASE_URL", "\"options\" sets session state"),
        Arguments.of(Map.of("DATABASE_URL", GOOD + "?prepareThreshold=5", "DATABASE_POOL_MODE", "transaction"),
            "DATABASE_URL", "set DATABASE_POOL_MODE=session if this endpoint is really a session-mode pooler"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("badValues")
  void badEnvironmentValueIsRefusedNamingTheVariable(Map<String, String> env, String variable, String problem) {
    assertRefused(env, variable, problem);
  }

  /** Passwords with unencoded reserved characters, a missing host, or an '&' inside a password parameter. */
  static Stream<Arguments> passwordsThatBreakTheGrammar() {
    return Stream.of(
        Arguments.of("postgresql://u:Se/cr=etPw@host:5432/db", "Se/cr=etPw"),
        Arguments.of("postgresql://u:Sec?x=1Pw@h/db", "Sec?x=1Pw"),
        Arguments.of("postgresql://u:Sec#b=cPw@h/db", "Sec#b=cPw"),
        Arguments.of("postgresql://u:12345/x=y@host/db", "12345/x=y"),
        Arguments.of("postgresql://u:12345/x=y@host?user=bob", "12345/x=y"),
        Arguments.of("postgresql://u:Sup3rS3cret", "Sup3rS3cret"),
        Arguments.of("postgresql://u:123456", "123456"),
        Arguments.of("postgresql://u:Sup3r:S3cret", "Sup3r:S3cret"),
        Arguments.of("postgresql://u@h/db?password=abcSecret&defSecret", "abcSecret&defSecret"),
        Arguments.of("postgresql://u@h/db?password=abcSecret&dx=efSecret", "abcSecret&dx=efSecret"),
        Arguments.of("postgresql://u@h/db?password=abcSecret&dx=%zzSecret", "abcSecret&dx=%zzSecret"),
        Arguments.of("postgresql://u@h/db?sslpassword=abcXyz&qqq=bogusXyz", "abcXyz&qqq=bogusXyz"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passwordsThatBreakTheGrammar")
  void noFragmentOfAPasswordThatBreaksTheGrammarIsQuoted(String url, String password) {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
        () -> RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", url)).close());

    assertThat(e).as("refused").isNotNull();
    for (int i = 0; i + 3 <= password.length(); i++) {
      String fragment = password.substring(i, i + 3);
      assertThat(e.getMessage()).as("message quotes %s of the password", fragment).doesNotContain(fragment);
    }
  }

  private static void assertRefused(Map<String, String> env, String variable, String problem) {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
        () -> RoleAwareDataSource.fromEnvironment(new HashMap<>(env)).close());

    assertThat(e).as("refused").isNotNull();
    assertThat(e.setting()).isEqualTo(variable);
    assertThat(e.getMessage())
        .startsWith(variable + ": ")
        .contains(problem)
        .contains("Fix: ")
        .doesNotContain(SECRET);
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderErrorsNameTheBuilderMethod() {
    assertThatThrownBy(() -> RoleAwareDataSource.builder().databaseUrl("mysql://h/x"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("databaseUrl(String): ");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().poolSize(DbRole.WORKER, -1))
        .hasMessageStartingWith("poolSize(WORKER, int): -1 is negative");
    assertThatThrownBy(() -> RoleAwareDataSource.builder().build())
        .hasMessageStartingWith("databaseUrl(String): is not set");
  }
}
