package io.weaver.dbrouting.internal.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How query parameters are split, checked and translated into pgjdbc properties. */
class QueryParameterRulesTests {
  private static ParsedUrl parse(String url) {
    return UrlParser.parse(url, "DATABASE_URL");
  }

  private static ParsedUrl query(String query) {
    return parse("postgresql://u@h/db?" + query);
  }

  @ParameterizedTest(name = "keepalives={0}")
  @CsvSource({"1,true", "on,true", "yes,true", "TRUE,true", "true,true", "0,false", "off,false", "no,false",
      "False,false"})
  void yesNoParametersTakeTheUsualSpellings(String value, String tcpKeepAlive) {
    assertThat(query("keepalives=" + value).properties()).containsEntry("tcpKeepAlive", tcpKeepAlive);
  }

  @Test
  void aYesNoParameterRefusesAnythingElse() {
    assertThatThrownBy(() -> query("keepalives=maybe"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("query parameter \"keepalives\" has value \"maybe\", which is not a yes/no value; use "
            + "true or false (1 or 0). Fix: write keepalives=true or keepalives=false.");
    assertThat(query("pgbouncer=yes").pgbouncerHint()).isTrue();
    assertThat(query("pgbouncer=0").pgbouncerHint()).isFalse();
    assertThat(query("sslmode=require").pgbouncerHint()).isNull();
  }

  @ParameterizedTest(name = "ssl={0}")
  @CsvSource({"true,require", "1,require", "on,require", "YES,require", "false,disable", "0,disable",
      "off,disable", "no,disable", "verify-full,verify-full", "Prefer,prefer"})
  void sqlalchemysSslFlagBecomesAnSslmode(String value, String sslmode) {
    assertThat(parse("postgresql+asyncpg://u@h/db?ssl=" + value).properties()).containsEntry("sslmode", sslmode)
        .doesNotContainKey("ssl");
    assertThat(parse("postgresql+asyncpg://u@h/db?ssl=" + value).originOf("sslmode")).isEqualTo("ssl");
  }

  @Test
  void anSslFlagThatIsNoSslmodeListsTheAcceptedModes() {
    assertThatThrownBy(() -> query("ssl=sometimes"))
        .hasMessageContaining("query parameter \"ssl\" has value \"sometimes\", which it does not accept; accepted "
            + "values are allow, disable, prefer, require, verify-ca, verify-full");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "ten", "1.5", "", "99999999999"})
  void countsAreWholeNumbersOfZeroOrMore(String value) {
    assertThatThrownBy(() -> query("connect_timeout=" + value))
        .hasMessageContaining("query parameter \"connect_timeout\"")
        .hasMessageContaining("is not a whole number of zero or more; it takes a whole number such as 0 or 10");
    assertThatThrownBy(() -> query("statement_cache_size=" + value))
        .hasMessageContaining("is not a whole number of zero or more");
  }

  @Test
  void countsOfZeroAndMoreAreKept() {
    assertThat(query("connect_timeout=0").properties()).containsEntry("connectTimeout", "0");
    assertThat(query("connect_timeout=15").properties()).containsEntry("connectTimeout", "15");
    assertThat(query("statement_cache_size=1").properties()).containsEntry("preparedStatementCacheQueries", "1")
        .doesNotContainKey("prepareThreshold");
  }

  @Test
  void pgjdbcPropertiesAreCheckedAgainstTheTypeOfTheirDefault() {
    assertThat(query("socketTimeout=%2030%20").properties()).containsEntry("socketTimeout", " 30 ");
    assertThat(query("socketTimeout=-5").properties()).containsEntry("socketTimeout", "-5");
    assertThatThrownBy(() -> query("socketTimeout=30s"))
        .hasMessageContaining("query parameter \"socketTimeout\" has value \"30s\", which is not a whole number; "
            + "pgjdbc reads socketTimeout as a whole number. Fix: write socketTimeout=NUMBER (pgjdbc's default is 0)");
    assertThat(query("tcpKeepAlive=TRUE").properties()).containsEntry("tcpKeepAlive", "TRUE");
    assertThatThrownBy(() -> query("tcpKeepAlive=yes"))
        .hasMessageContaining("\"tcpKeepAlive\" has value \"yes\", which is not true or false; pgjdbc reads "
            + "tcpKeepAlive as true or false. Fix: write tcpKeepAlive=true or tcpKeepAlive=false");
    assertThat(query("readOnlyMode=ignore").properties()).containsEntry("readOnlyMode", "ignore");
    assertThatThrownBy(() -> query("readOnlyMode=never"))
        .hasMessageContaining("\"readOnlyMode\" has value \"never\", which it does not accept; accepted values are "
            + "always, ignore, transaction");
    assertThat(query("sslfactory=com.example.Factory").properties())
        .containsEntry("sslfactory", "com.example.Factory");
  }

  @Test
  void aPropertyWrittenInTheWrongCaseIsNamedInTheRightOne() {
    assertThatThrownBy(() -> query("sockettimeout=30"))
        .hasMessageContaining("query parameter \"sockettimeout\" is neither a libpq parameter pgjdbc supports nor a "
            + "pgjdbc property, so pgjdbc would silently ignore it")
        .hasMessageContaining("Fix: write it as \"socketTimeout\" (pgjdbc property names are case-sensitive).");
    assertThatThrownBy(() -> query("frobnicate=1"))
        .hasMessageContaining("Fix: remove it, or use the libpq or pgjdbc name of the setting you mean.");
  }

  @Test
  void twoParametersForOnePgjdbcPropertyAreRefusedNamingBoth() {
    assertThatThrownBy(() -> query("connect_timeout=5&connectTimeout=6"))
        .hasMessageContaining("query parameters \"connect_timeout\" and \"connectTimeout\" both set pgjdbc's "
            + "\"connectTimeout\"; each setting may be given once");
    assertThatThrownBy(() -> query("statement_cache_size=0&prepareThreshold=0"))
        .hasMessageContaining("query parameters \"statement_cache_size\" and \"prepareThreshold\" both set");
  }

  @Test
  void parametersForTheLocationOrWithoutPgjdbcEquivalentAreRefusedWithWhatToDo() {
    assertThatThrownBy(() -> query("host=other"))
        .hasMessageContaining("query parameter \"host\" sets the server location");
    assertThatThrownBy(() -> query("PGPORT=5433"))
        .hasMessageContaining("query parameter \"PGPORT\" sets the server location");
    assertThatThrownBy(() -> query("replication=database"))
        .hasMessageContaining("query parameter \"replication\" opens a replication connection")
        .hasMessageContaining("Fix: remove \"replication\".");
    assertThatThrownBy(() -> query("passfile=/x"))
        .hasMessageContaining("query parameter \"passfile\" is a libpq setting pgjdbc has no equivalent for")
        .hasMessageContaining("Fix: put the password in the connection string or the password setting.");
    assertThatThrownBy(() -> query("requiressl=1"))
        .hasMessageContaining("Fix: use sslmode=require.");
  }

  @Test
  void libpqNamesMapToPgjdbcNames() {
    ParsedUrl url = query("gssencmode=prefer&channel_binding=require&target_session_attrs=read-only");

    assertThat(url.properties()).containsEntry("gssEncMode", "prefer").containsEntry("channelBinding", "require")
        .containsEntry("targetServerType", "secondary");
    assertThat(query("target_session_attrs=primary").properties()).containsEntry("targetServerType", "primary");
    assertThatThrownBy(() -> query("gssencmode=sometimes"))
        .hasMessageContaining("\"gssencmode\" has value \"sometimes\", which it does not accept");
  }

  @Test
  void emptyPairsAreSkippedAndEmptyNamesRefused() {
    assertThat(query("&&sslmode=require&").properties()).containsOnlyKeys("sslmode");
    assertThatThrownBy(() -> query("=x"))
        .hasMessageContaining("a query parameter has an empty name; query parameters are written NAME=VALUE");
  }

  @Test
  void aParameterGivenTwiceIsRefused() {
    assertThatThrownBy(() -> query("sslmode=require&sslmode=disable"))
        .hasMessageContaining("query parameter \"sslmode\" is given twice; each parameter may appear once. Fix: keep "
            + "one \"sslmode\".");
    assertThatThrownBy(() -> parse("postgresql://u:pw@h/db?sslmode=require&sslmode=require"))
        .hasMessageContaining("query parameter \"sslmode\" is given twice");
    assertThatThrownBy(() -> parse("postgresql://u:pw@h/db?abc=1&abc=1"))
        .as("an unknown name is reported as unknown before it is reported as repeated")
        .hasMessageContaining("the 1st query parameter is neither a libpq parameter");
  }

  @Test
  void aWordWithoutValueIsNamedOnlyWhenItIsAKnownParameter() {
    assertThatThrownBy(() -> query("sslmode"))
        .hasMessageContaining("query parameter \"sslmode\" has no value; query parameters are written NAME=VALUE");
    assertThatThrownBy(() -> query("sslmode=require&Hunter2"))
        .hasMessageContaining("the 2nd query parameter has no value").message().doesNotContain("Hunter2");
  }

  @Test
  void controlCharactersAreRefusedInValuesButNotInSecrets() {
    assertThatThrownBy(() -> query("application_name=a%0Ab"))
        .hasMessageContaining("the value of \"application_name\" contains a control character");
    assertThat(parse("jdbc:postgresql://h/db?user=u&password=a%0Ab").password()).isEqualTo("a\nb");
    assertThat(query("sslpassword=a%09b").secretProperties()).containsEntry("sslpassword", "a\tb");
  }

  @Test
  void credentialsInTheQueryMayNotRepeatThoseBeforeTheAt() {
    assertThat(query("password=pw").password()).isEqualTo("pw");
    assertThat(parse("postgresql://h/db?user=app").user()).isEqualTo("app");
    assertThatThrownBy(() -> query("user=other"))
        .hasMessageContaining("the user name is given both before '@' and as the 'user' parameter");
    assertThatThrownBy(() -> parse("postgresql://u:pw@h/db?password=pw"))
        .hasMessageContaining("the password is given both before '@' and as the 'password' parameter");
  }

  @Test
  void anAtInAQueryValueAddsHowToEncodeAPasswordToEveryFix() {
    assertThatThrownBy(() -> query("application_name=svc@pod&sslmode=bogus"))
        .hasMessageContaining("Fix: use one of those values. A query value holds an '@': if it ends a password with an "
            + "unencoded '/', '?' or '#', percent-encode the password")
        .message().doesNotContain("bogus");
    assertThatThrownBy(() -> parse("postgresql://u@h/db?application_name=svc@pod&frobnicate=1"))
        .hasMessageContaining("the 2nd query parameter is neither")
        .hasMessageContaining("setting you mean. A query value holds an '@'");
  }

  @Test
  void anErrorAfterAPasswordParameterIsDescribedWithoutQuoting() {
    assertThatThrownBy(() -> parse("jdbc:postgresql://h/db?user=u&password=ab&cd%zz=1"))
        .hasMessageContaining("a query parameter after \"password\" is not valid")
        .hasMessageContaining("if the password contains '&', write it as %26")
        .message().doesNotContain("cd");
    assertThatThrownBy(() -> parse("jdbc:postgresql://h/db?user=u&sslpassword=ab&frobnicate=1"))
        .hasMessageContaining("a query parameter after \"sslpassword\" is not valid");
  }
}
