package io.weaver.dbrouting.internal.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where '@', '#', '=' and stray characters may stand in a connection string, at the edges of each part. */
class UrlShapeRulesTests {
  private static ParsedUrl parse(String url) {
    return UrlParser.parse(url, "DATABASE_URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://u@h/db?@x=1",
      "postgresql://u@h/d=?x@y",
      "postgresql://#a=b@c",
      "postgresql://u@h/db?sslmode=require&x@y"})
  void anAtThatCannotBeInAQueryValueIsTakenForUnencodedCredentials(String url) {
    assertThatThrownBy(() -> parse(url))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("DATABASE_URL: an '@' follows a '/', '?' or '#', so the user name or password holds one "
            + "of them unencoded");
  }

  @Test
  void anAtInAValueWithAnEmptyNameIsAnEmptyNameNotCredentials() {
    assertThatThrownBy(() -> parse("postgresql://u@h/db?=a@b"))
        .hasMessageContaining("a query parameter has an empty name");
  }

  @Test
  void anEmptyUserBeforeTheAtIsRefused() {
    assertThatThrownBy(() -> parse("postgresql://@h/db"))
        .hasMessageStartingWith("DATABASE_URL: the user name before '@' is empty");
    assertThatThrownBy(() -> parse("postgresql://:pw@h/db"))
        .hasMessageStartingWith("DATABASE_URL: the user name before '@' is empty");
  }

  @Test
  void aUserNameWithAnEncodedControlCharacterIsRefused() {
    assertThatThrownBy(() -> parse("postgresql://a%0Ab@h/db"))
        .hasMessageStartingWith("DATABASE_URL: the user name contains a control character");
    assertThatThrownBy(() -> parse("postgresql://u@h/a%09b"))
        .hasMessageStartingWith("DATABASE_URL: the database name contains a control character");
  }

  @Test
  void aStrayCharacterIsNamedByKind() {
    String[][] cases = {{" ", "a space"}, {"\n", "a line break"}, {"\r", "a line break"}, {"\t", "a tab"},
        {"\u0001", "a control character"}, {"\u007f", "a control character"}};
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse("postgresql://u:p" + c[0] + "w@h/db")).as(c[1])
          .hasMessageStartingWith("DATABASE_URL: it contains a space or control character (" + c[1] + ")");
    }
  }

  @Test
  void anEmptySchemeIsNotAMissingOne() {
    assertThatThrownBy(() -> parse("://u@h/db"))
        .hasMessageStartingWith("DATABASE_URL: its scheme is not a PostgreSQL scheme");
    assertThatThrownBy(() -> parse("u@h/db"))
        .hasMessageStartingWith("DATABASE_URL: it has no scheme ('://' is missing)");
    assertThatThrownBy(() -> parse("jdbc:postgresql:db"))
        .hasMessageStartingWith("DATABASE_URL: the JDBC URL names no host");
    assertThatThrownBy(() -> parse(" \n"))
        .hasMessageStartingWith("DATABASE_URL: is empty");
    assertThatThrownBy(() -> parse(null))
        .hasMessageStartingWith("DATABASE_URL: is empty");
  }

  @Test
  void aFragmentIsRefusedEvenWithoutCredentials() {
    assertThatThrownBy(() -> parse("postgresql://u@h/db#frag"))
        .hasMessageContaining("it has a '#' fragment after the host");
    assertThatThrownBy(() -> parse("postgresql://u@h#frag"))
        .hasMessageContaining("it has a '#' fragment after the host");
  }

  @Test
  void thePathOfAJdbcUrlIsFormDecodedAndOfAnyOtherPercentDecoded() {
    assertThat(parse("jdbc:postgresql://h/my+db?user=u").database()).isEqualTo("my db");
    assertThat(parse("postgresql://u@h/my+db").database()).isEqualTo("my+db");
  }

  @Test
  void toStringMasksThePasswordAndNamesSecretProperties() {
    assertThat(parse("postgresql://u:pw@h/db?sslmode=require&sslpassword=k")).hasToString(
        "postgresql://u:****@h:5432/db?sslmode=require&sslpassword=****");
    assertThat(parse("postgresql://u@h/db?sslpassword=k")).hasToString("postgresql://u@h:5432/db?sslpassword=****");
    assertThat(parse("postgresql://h")).hasToString("postgresql://h:5432/");
    assertThat(parse("postgresql://h").originOf("sslmode")).isEqualTo("sslmode");
  }
}
