package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.AbstractStringAssert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTests {

  @ParameterizedTest
  @ValueSource(strings = {
      "postgres://u:pw@db.example.com:5432/app",
      "postgresql://u:pw@db.example.com:5432/app",
      "postgresql+asyncpg://u:pw@db.example.com:5432/app",
      "postgresql+psycopg2://u:pw@db.example.com:5432/app",
      "postgresql+pg8000://u:pw@db.example.com:5432/app",
      "POSTGRESQL://u:pw@db.example.com:5432/app",
      "jdbc:postgresql://db.example.com:5432/app?user=u&password=pw",
      "  postgresql://u:pw@db.example.com:5432/app\n"})
  void acceptsTheSchemesPeoplePaste(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);

    assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/app");
    assertThat(parsed.username()).isEqualTo("u");
    assertThat(parsed.password()).isEqualTo("pw");
  }

  @Test
  void percentDecodesUserAndPasswordAndKeepsPlusSigns() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres.abc%40x:p%40ss%3Aw%2Frd+%25%20z@h:6543/postgres");

    assertThat(url.username()).isEqualTo("postgres.abc@x");
    assertThat(url.password()).isEqualTo("p@ss:w/rd+% z");
  }

  @Test
  void passwordIsNullWhenAbsentAndEmptyWhenGivenEmpty() {
    assertThat(DatabaseUrl.parse("postgresql://u@h/db").password()).isNull();
    assertThat(DatabaseUrl.parse("postgresql://u:@h/db").password()).isEmpty();
    assertThat(DatabaseUrl.parse("postgresql://h/db").username()).isNull();
  }

  @Test
  void refusesAnAtSignAfterASlashWithoutQuotingTheHostItWouldHaveGuessed() {
    String password = "Hx7$kP@q!Lm3vN/8w";

    assertRefusedQuotingNoPartOf("postgresql://user:" + password + "@127.0.0.1:5432/db", password)
        .contains("an '@' follows a '/', '?' or '#'")
        .contains("'/' as %2F, '?' as %3F, '#' as %23, '@' as %40");
  }

  @Test
  void refusesAPathOfSeveralSegmentsWithoutQuotingItWhenTheUrlHoldsAPassword() {
    String password = "Zq9!xK+p@ss/w0rd";

    assertRefusedQuotingNoPartOf("postgresql://user:" + password + "/db", password)
        .contains("the path has more than one segment");
  }

  @Test
  void refusesMoreThanOneAtSignBeforeTheHost() {
    assertRefusedQuotingNoPartOf("postgresql://u:p@ss@h:5432/db", "p@ss")
        .contains("more than one '@'")
        .contains("'@' as %40");
    assertRefusedQuotingNoPartOf("postgresql://u:Mx@3@4@h/db", "Mx@3@4");
  }

  @Test
  void refusesAnAtSignInTheFragmentOrAQueryParameterName() {
    assertRefusedQuotingNoPartOf("postgresql://u:Pq#w@h/db", "Pq#w").contains("an '@' follows");
    assertRefusedQuotingNoPartOf("postgresql://u:Pq?w@h/db", "Pq?w").contains("an '@' follows");
    assertRefusedQuotingNoPartOf("postgresql://u:Pq?w@h/db?sslmode=require", "Pq?w").contains("an '@' follows");
    assertRefusedQuotingNoPartOf("postgresql://u@h/db?sslmode=require&Pq@w=1", "Pq@w").contains("an '@' follows");
  }

  @Test
  void refusesAPathStartingWithAtOrSlashWithoutQuotingIt() {
    assertRefusedQuotingNoPartOf("postgresql://u:pw@h/@Xyzw", "@Xyzw").contains("an '@' follows");
    assertRefusedQuotingNoPartOf("postgresql://u:pw@h//Xyzw", "/Xyzw").contains("more than one segment");
  }

  /** Whatever follows a password in the userinfo may be the rest of it when the host is missing: described only. */
  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u:Sk3@Qrst!x/db",
      "postgresql://u:Sk3@Qrst:99999/db",
      "postgresql://u:Sk3@Qrst:5x432/db",
      "postgresql://u:Sk3@Qrst:/db",
      "postgresql://u:Sk3@[Qrst/db",
      "postgresql://u:Sk3@[Qrst]/db",
      "postgresql://u:Sk3@[::1]Qrst/db",
      "postgresql://u:Sk3@Qr%2Fst/db",
      "postgresql://u:Sk3@:Qrst/db",
      "postgresql://u:Sk3@h,Qrst!/db",
      "postgresql://u:Sk3@h/Qr%st",
      "postgresql://u:Sk3@h/Qrst?x",
      "postgresql://u:Sk3@h/db?Qrst",
      "postgresql://u:Sk3@h/db?Qrst=1",
      "postgresql://u:Sk3@h/db?sslmode=Qrst",
      "postgresql://u:Sk3@h/db?connect_timeout=Qrst",
      "postgresql://u:Sk3@h/db?keepalives=Qrst",
      "postgresql://u:Sk3@h/db?socketTimeout=Qrst",
      "postgresql://u:Sk3@h/db?tcpKeepAlive=Qrst",
      "postgresql://u:Sk3@h/db?Qr%st=1",
      "postgresql://u:Sk3@h/db?application_name=Qr%st",
      "postgresql://u:Sk3@h/db?Qrst=1&Qrst=2",
      "postgresql://u:Sk3@h/db?Qrst=1#x"})
  void describesWhatFollowsAPasswordInsteadOfQuotingIt(String url) {
    assertRefusedQuotingNoPartOf(url, "Sk3@Qrst");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u:Pa%4@h/db",
      "postgresql://u:Pa%4@h/db?sslmode=require",
      "postgresql://u:Pa%zz@h/db",
      "postgresql://u@h/db?password=Pa%4",
      "postgresql://u@h/db?sslpassword=Pa%g1",
      "jdbc:postgresql://h/db?user=u&password=Pa%4"})
  void aBrokenEscapeInAPasswordIsReportedWithoutItsPosition(String url) {
    assertRefusedQuotingNoPartOf(url, "Pa%4").contains("is not properly percent-encoded").doesNotContain("character");
  }

  /** A name the library does not know may be a garbled password parameter: its value is never quoted. */
  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u@h/db?pass:word=Ab%zzCdef",
      "postgresql://u@h/db??password=Ab%zzCdef",
      "jdbc:postgresql://h/db?user=u&password,=Ab%zzCdef"})
  void neverQuotesTheValueOfAParameterItDoesNotKnow(String url) {
    assertRefusedQuotingNoPartOf(url, "Ab%zzCdef").contains("is not properly percent-encoded")
        .doesNotContain("character");
  }

  /**
   * After a name it does not know, an '&amp;' may have split a garbled password parameter: the unknown name is reported
   * first, and nothing of what follows it is quoted.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u@h/db?connect_timeout=10&passwo:rd=Xy&Cd%zzEf=1",
      "postgresql://u@h/db?pass:word=Xy&sslmode=Cd%zzEf",
      "jdbc:postgresql://h/db?user=u&password,=Xy&sslmode=require&Cd%zzEf"})
  void reportsAnUnknownParameterBeforeAnythingThatFollowsIt(String url) {
    assertRefusedQuotingNoPartOf(url, "Cd%zzEf").contains("is neither a libpq parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u:Pa ss@h/db",
      "postgresql://u:Pa\tss@h/db",
      "postgresql://u:Pa\nss@h/db",
      "jdbc:postgresql://h/db?user=u&password=Pa ss"})
  void aSpaceInAPasswordIsReportedWithoutItsPosition(String url) {
    int start = url.indexOf("Pa");

    assertRefusedQuotingNoPartOf(url, url.substring(start, start + 5))
        .contains("space or control character").doesNotContain("position");
  }

  @Test
  void aSchemeIsQuotedOnlyWhenNoPasswordCanHideInIt() {
    assertRefusedQuotingNoPartOf("postgresql:u:Pw9xy://h/db", "Pw9xy").contains("is not a PostgreSQL scheme");
    assertRefusedQuotingNoPartOf("jdbc:Pw9xy://h/db", "Pw9xy").contains("is not a PostgreSQL scheme");
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:pw@h/db")).hasMessageContaining("scheme \"mysql\"");
  }

  @Test
  void quotesHostAndParametersWhenTheUrlHoldsNoPassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h!st/db"))
        .hasMessageContaining("the host \"h!st\" contains characters");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h/db?sslmode=sometimes"))
        .hasMessageContaining("\"sslmode\" has value \"sometimes\"");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://h:x/db?user=u&password=pw"))
        .hasMessageContaining("the port after the host \"h\" is not a number");
  }

  @Test
  void namesAKnownParameterEvenAfterAPassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:pw@h/db?sslmode=sometimes"))
        .hasMessageContaining("query parameter \"sslmode\" has a value that it does not accept");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:pw@h/db?frobnicate=1"))
        .hasMessageContaining("the 1st query parameter is neither a libpq parameter");
  }

  // -- what keeps working

  @Test
  void acceptsAnAtSignInsideAQueryValue() {
    DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=p@ss");
    DatabaseUrl named = DatabaseUrl.parse("postgresql://u:pw@h/db?application_name=svc@pod-1");

    assertThat(jdbc.password()).isEqualTo("p@ss");
    assertThat(jdbc.endpoint()).isEqualTo("h:5432/db");
    assertThat(named.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ApplicationName=svc%40pod-1");
  }

  @Test
  void acceptsSupabasePoolerUrls() {
    DatabaseUrl url = DatabaseUrl.parse(
        "postgresql://postgres.abcdefghijklmnop:Xy7-pass_word@aws-0-eu-west-1.pooler.supabase.com:6543/postgres");

    assertThat(url.username()).isEqualTo("postgres.abcdefghijklmnop");
    assertThat(url.password()).isEqualTo("Xy7-pass_word");
    assertThat(url.endpoint()).isEqualTo("aws-0-eu-west-1.pooler.supabase.com:6543/postgres");
  }

  @Test
  void acceptsAPasswordWithEveryReservedCharacterPercentEncoded() {
    String reserved = ":/?#[]@!$&'()*+,;=% \"<>\\^`{|}~ä€";
    String encoded = reserved.chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat)
        .replace("%E4", "%C3%A4").replace("%20AC", "%E2%82%AC");

    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:" + encoded + "@h:5432/db");

    assertThat(url.password()).isEqualTo(reserved);
    assertThat(url.toString()).isEqualTo("postgresql://u:****@h:5432/db");
  }

  @Test
  void acceptsUnencodedCharactersThatCannotEndAPassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pa:ss&x=y+z!$'()*,;[]~@h:5432/db");

    assertThat(url.password()).isEqualTo("pa:ss&x=y+z!$'()*,;[]~");
    assertThat(url.endpoint()).isEqualTo("h:5432/db");
  }

  @Test
  void defaultsThePortTo5432() {
    assertThat(DatabaseUrl.parse("postgresql://u@h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
  }

  @Test
  void keepsMultipleHostsWithTheirOwnPorts() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h1:5433,h2,10.0.0.3:6000/db?target_session_attrs=read-write");

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://h1:5433,h2:5432,10.0.0.3:6000/db?targetServerType=primary");
  }

  @Test
  void keepsIpv6LiteralsInBrackets() {
    assertThat(DatabaseUrl.parse("postgresql://u@[::1]:6543/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:6543/db");
    assertThat(DatabaseUrl.parse("postgresql://u@[2001:db8::7]/db").endpoint()).isEqualTo("[2001:db8::7]:5432/db");
  }

  @Test
  void decodesTheDatabaseNameAndEncodesItForPgjdbc() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h/my%20db%2Bx");

    assertThat(url.endpoint()).isEqualTo("h:5432/my db+x");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/my+db%2Bx");
  }

  @Test
  void databaseIsOptional() {
    assertThat(DatabaseUrl.parse("postgresql://u@h:5432").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/");
    assertThat(DatabaseUrl.parse("postgresql://u@h:5432/").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/");
  }

  @Test
  void mapsLibpqParametersToPgjdbcNames() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem"
        + "&sslcert=/c.pem&sslkey=/k.pk8&application_name=billing&connect_timeout=7&options=-c%20jit%3Doff"
        + "&keepalives=0&gssencmode=disable");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=verify-full"
        + "&sslrootcert=%2Fetc%2Fca.pem&sslcert=%2Fc.pem&sslkey=%2Fk.pk8&ApplicationName=billing&connectTimeout=7"
        + "&options=-c+jit%3Doff&tcpKeepAlive=false&gssEncMode=disable");
  }

  @Test
  void mapsTargetSessionAttrsToTargetServerType() {
    assertThat(DatabaseUrl.parse("postgresql://u@h/db?target_session_attrs=standby").jdbcUrl())
        .endsWith("?targetServerType=secondary");
    assertThat(DatabaseUrl.parse("postgresql://u@h/db?target_session_attrs=prefer-standby").jdbcUrl())
        .endsWith("?targetServerType=preferSecondary");
    assertThat(DatabaseUrl.parse("postgresql://u@h/db?target_session_attrs=any").jdbcUrl())
        .endsWith("?targetServerType=any");
  }

  @Test
  void mapsSqlalchemySslFlagToSslmode() {
    assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@h/db?ssl=require").jdbcUrl()).endsWith("?sslmode=require");
    assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@h/db?ssl=true").jdbcUrl()).endsWith("?sslmode=require");
    assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@h/db?ssl=disable").jdbcUrl()).endsWith("?sslmode=disable");
  }

  @Test
  void keepsPgjdbcSslFlagAsPgjdbcMeansItInJdbcUrls() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?ssl=true&user=u").jdbcUrl()).endsWith("?ssl=true");
  }

  @Test
  void mapsAsyncpgStatementCacheSizeZeroToNoServerSidePreparedStatements() {
    assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@h/db?statement_cache_size=0").jdbcUrl())
        .endsWith("?preparedStatementCacheQueries=0&prepareThreshold=0");
    assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@h/db?prepared_statement_cache_size=100").jdbcUrl())
        .endsWith("?preparedStatementCacheQueries=100");
  }

  @Test
  void passesPgjdbcPropertiesThrough() {
    assertThat(DatabaseUrl.parse("postgresql://u@h/db?prepareThreshold=3&socketTimeout=30").jdbcUrl())
        .endsWith("?prepareThreshold=3&socketTimeout=30");
  }

  @Test
  void keepsThePgbouncerHintOutOfTheJdbcUrl() {
    assertThat(DatabaseUrl.parse("postgresql://u@h:6432/db?pgbouncer=true").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:6432/db");
  }

  @Test
  void readsFormEncodedValuesInJdbcUrlsTheWayPgjdbcDoes() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h/db?user=u&password=a+b%2Bc&ApplicationName=my+app");

    assertThat(url.password()).isEqualTo("a b+c");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ApplicationName=my+app");
  }

  @Test
  void encodesValuesSoPgjdbcDecodesThemBack() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h/db?application_name=a+b%26c%3Dd%20e");

    assertThat(url.jdbcUrl()).endsWith("?ApplicationName=a%2Bb%26c%3Dd+e");
  }

  @Test
  void keepsTheSslPasswordOutOfTheJdbcUrlAndOutOfToString() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:top-secret@h/db?sslmode=require&sslpassword=key-secret");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
    assertThat(url.toString()).doesNotContain("top-secret").doesNotContain("key-secret")
        .isEqualTo("postgresql://u:****@h:5432/db?sslmode=require&sslpassword=****");
  }

  @Test
  void toStringMasksThePassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres.ref:s3cr%2Ft@aws-0-eu-west-1.pooler.supabase.com:6543/postgres");

    assertThat(url.toString())
        .isEqualTo("postgresql://postgres.ref:****@aws-0-eu-west-1.pooler.supabase.com:6543/postgres")
        .doesNotContain("s3cr");
  }

  @Test
  void endpointNamesHostsAndDatabaseOnly() {
    assertThat(DatabaseUrl.parse("postgresql://u:pw@h:6543/postgres?sslmode=require").endpoint())
        .isEqualTo("h:6543/postgres");
  }

  /** Parses {@code url}, expects a refusal, and checks that no four characters in a row of {@code secret} appear. */
  private static AbstractStringAssert<?> assertRefusedQuotingNoPartOf(String url, String secret) {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> DatabaseUrl.parse(url));

    assertThat(e).as("%s is refused", url).isNotNull();
    for (int i = 0; i + 4 <= secret.length(); i++) {
      assertThat(e.getMessage()).as("message for %s", url).doesNotContain(secret.substring(i, i + 4));
    }
    return assertThat(e.getMessage());
  }
}
