package io.weaver.dbrouting.internal.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.internal.url.PercentDecoder.MalformedEscapeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Percent-escapes as RFC 3986 writes them: anywhere in a value, either case of hex digit, always two digits. */
class PercentEscapesTests {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "%23abc|#abc",
      "abc%23|abc#",
      "%2f%2F|//",
      "%3a%3A|::",
      "%4a%4A%4f%4F|JJOO",
      "%61%62%63%64%65%66|abcdef",
      "%41%42%43%44%45%46|ABCDEF",
      "%30%39|09",
      "%7e%7E|~~",
      "%C3%A9t%c3%a9|été",
      "a+b|a+b"})
  void decodesEscapesAnywhereInAValueInEitherCase(String raw, String decoded) throws MalformedEscapeException {
    assertThat(PercentDecoder.decode(raw, false)).isEqualTo(decoded);
  }

  @Test
  void aPlusIsASpaceOnlyInFormEncoding() throws MalformedEscapeException {
    assertThat(PercentDecoder.decode("a+b", true)).isEqualTo("a b");
    assertThat(PercentDecoder.decode("a+b%2B", true)).isEqualTo("a b+");
    assertThat(PercentDecoder.decode("a+b%2B", false)).isEqualTo("a+b+");
    assertThat(PercentDecoder.decode("+a", true)).isEqualTo(" a");
    assertThat(PercentDecoder.decode("+a", false)).isEqualTo("+a");
  }

  @Test
  void charactersOutsideTheBasicPlaneSurviveDecoding() throws MalformedEscapeException {
    assertThat(PercentDecoder.decode("x%20\uD83D\uDE00y", false)).isEqualTo("x \uD83D\uDE00y");
    assertThat(PercentDecoder.decode("%20\uD83D\uDE00", false)).isEqualTo(" \uD83D\uDE00");
  }

  @Test
  void aLoneHighSurrogateAtTheEndBecomesAReplacementAndNoIndexError() throws MalformedEscapeException {
    assertThat(PercentDecoder.decode("%20\uD83D", false)).isEqualTo(" ?");
  }

  @ParameterizedTest(name = "{0}: '%' at {1}")
  @CsvSource({
      "%4,1",
      "ab%4,3",
      "ab%,3",
      "%,1",
      "%g1,1",
      "%1g,1",
      "%G1,1",
      "x%/1,2",
      "x%:1,2",
      "x%@1,2",
      "x%`1,2",
      "x%[1,2",
      "ok%41%4,6"})
  void aBrokenEscapeNamesThePositionOfItsPercentSign(String raw, int position) {
    assertThatThrownBy(() -> PercentDecoder.decode(raw, false))
        .isInstanceOf(MalformedEscapeException.class)
        .satisfies(e -> assertThat(((MalformedEscapeException) e).describe(true))
            .isEqualTo("a '%' at character " + position + " is not followed by two hexadecimal digits"))
        .satisfies(e -> assertThat(((MalformedEscapeException) e).describe(false))
            .isEqualTo("a '%' is not followed by two hexadecimal digits"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"%ff", "%C3", "%C3%28", "%80"})
  void escapesThatAreNotUtf8AreRefusedWithoutAPosition(String raw) {
    assertThatThrownBy(() -> PercentDecoder.decode(raw, false))
        .isInstanceOf(MalformedEscapeException.class)
        .satisfies(e -> assertThat(((MalformedEscapeException) e).describe(true))
            .isEqualTo("its %-escapes do not decode to UTF-8 text"));
  }

  @Test
  void aTrailingOneDigitEscapeInAUrlIsASettingErrorNotAnIndexError() {
    assertThatThrownBy(() -> UrlParser.parse("postgresql://u@h/db?application_name=ab%4", "DATABASE_URL"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("DATABASE_URL: the value of \"application_name\" (\"ab%4\") is not properly "
            + "percent-encoded: a '%' at character 3 is not followed by two hexadecimal digits");
    assertThatThrownBy(() -> UrlParser.parse("postgresql://u@h/db%4", "DATABASE_URL"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("the database name \"db%4\" is not properly percent-encoded: a '%' at character 3");
  }

  @Test
  void escapedUserPasswordAndDatabaseStartingWithAnEscapeAreDecoded() {
    ParsedUrl url = UrlParser.parse("postgresql://%23user:%23abc@h/%23db", "DATABASE_URL");

    assertThat(url.user()).isEqualTo("#user");
    assertThat(url.password()).isEqualTo("#abc");
    assertThat(url.database()).isEqualTo("#db");
  }
}
