package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

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
  void toleratesAnUnencodedAtSignInThePassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@ss@h:5432/db");

    assertThat(url.password()).isEqualTo("p@ss");
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
}
