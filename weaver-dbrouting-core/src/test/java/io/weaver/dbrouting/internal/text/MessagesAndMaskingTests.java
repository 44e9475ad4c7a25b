package io.weaver.dbrouting.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which properties are secrets, how fragments are quoted and how every setting error is shaped. */
class MessagesAndMaskingTests {

  @ParameterizedTest
  @ValueSource(strings = {"password", "PASSWORD", "Password", "sslpassword", "sslPassword", "SSLPASSWORD"})
  void passwordsAreSecretInAnyCase(String name) {
    assertThat(Redaction.isSecretProperty(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"user", "passwords", "sslpass", "password_file", "sslkey", ""})
  void otherPropertiesAreNotSecret(String name) {
    assertThat(Redaction.isSecretProperty(name)).isFalse();
  }

  @Test
  void theMaskIsFourStars() {
    assertThat(Redaction.MASK).isEqualTo("****");
  }

  @Test
  void anErrorSaysSettingProblemRuleAndFixAndEndsWithOneFullStop() {
    InvalidSettingException e = SettingErrors.invalid("WORKER_DATABASE_URL", "it names no host", "a host is required",
        "add the host");
    InvalidSettingException withStop = SettingErrors.invalid("X", "p", "r", "see the docs.");

    assertThat(e).hasMessage("WORKER_DATABASE_URL: it names no host; a host is required. Fix: add the host.");
    assertThat(withStop).hasMessage("X: p; r. Fix: see the docs.");
  }

  @Test
  void quotingShowsControlCharactersAsEscapesAndKeepsTheRest() {
    assertThat(SettingErrors.quote("a b~")).isEqualTo("\"a b~\"");
    assertThat(SettingErrors.quote("a\nb\tc\u0000d\u001fe\u007ff\u0080g")).isEqualTo(
        "\"a\\u000ab\\u0009c\\u0000d\\u001fe\\u007ff\u0080g\"");
    assertThat(SettingErrors.quote(" !~")).as("the last printable character").isEqualTo("\" !~\"");
    assertThat(SettingErrors.quote("")).isEqualTo("\"\"");
  }
}
