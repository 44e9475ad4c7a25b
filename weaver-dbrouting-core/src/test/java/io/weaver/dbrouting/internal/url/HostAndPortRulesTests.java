package io.weaver.dbrouting.internal.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ports from 1 to 65535, host names, IPv6 literals and host lists, with messages that say which part is wrong. */
class HostAndPortRulesTests {
  private static ParsedUrl parse(String url) {
    return UrlParser.parse(url, "DATABASE_URL");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 10, 5432, 6543, 10000, 65534, 65535})
  void acceptsEveryPortFromOneTo65535(int port) {
    assertThat(parse("postgresql://u@h:" + port + "/db").hosts()).containsExactly(new HostPort("h", port));
    assertThat(parse("postgresql://u@[::1]:" + port + "/db").hosts()).containsExactly(new HostPort("::1", port));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "00000", "65536", "99999", "100000", "0005432", "4294967297"})
  void refusesPortsOutsideOneTo65535(String port) {
    assertThatThrownBy(() -> parse("postgresql://u@h:" + port + "/db"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("DATABASE_URL: the port after the host \"h\" is out of range; a port is a number from 1 "
            + "to 65535");
  }

  @Test
  void aPortWithLeadingZerosWithinFiveDigitsIsItsNumber() {
    assertThat(parse("postgresql://u@h:06543/db").hosts()).containsExactly(new HostPort("h", 6543));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5x432", "-1", "+5432", "5432a", "/5432"})
  void refusesAPortThatIsNotDigits(String port) {
    assertThatThrownBy(() -> parse("postgresql://u@h:" + port.replace("/", "%2F") + "/db"))
        .hasMessageContaining("the port after the host \"h\" is not a number");
  }

  @Test
  void anEmptyPortIsRefusedWithTheSupabasePorts() {
    assertThatThrownBy(() -> parse("postgresql://u@h:/db"))
        .hasMessageContaining("the port after the host \"h\" is empty")
        .hasMessageContaining("5432 for session mode, 6543 for transaction mode");
    assertThatThrownBy(() -> parse("postgresql://u@[::1]:/db"))
        .hasMessageContaining("the port after the host \"[::1]\" is empty");
  }

  @Test
  void aHostListKeepsEachHostWithItsOwnOrTheDefaultPort() {
    assertThat(parse("postgresql://u@a:1,b,[2001:db8::1]:3,[::2]/db").hosts()).containsExactly(
        new HostPort("a", 1), new HostPort("b", 5432), new HostPort("2001:db8::1", 3), new HostPort("::2", 5432));
  }

  @Test
  void ipv6LiteralsAreWrittenBackInBrackets() {
    ParsedUrl url = parse("postgresql://u@[2001:DB8::1]:6543,h/db");

    assertThat(url.hosts().get(0).isIpv6()).isTrue();
    assertThat(url.hosts().get(1).isIpv6()).isFalse();
    assertThat(url.endpoint()).isEqualTo("[2001:DB8::1]:6543,h:5432/db");
    assertThat(JdbcUrlWriter.base(url)).isEqualTo("jdbc:postgresql://[2001:DB8::1]:6543,h:5432/db");
  }

  @Test
  void hostErrorsQuoteTheHostWhenNoPasswordCanHideThere() {
    assertThatThrownBy(() -> parse("postgresql://u@[::1/db"))
        .hasMessageContaining("the IPv6 host \"[::1\" has no closing ']'");
    assertThatThrownBy(() -> parse("postgresql://u@[]/db"))
        .hasMessageContaining("the IPv6 host \"[]\" is not an IPv6 address");
    assertThatThrownBy(() -> parse("postgresql://u@[zz::1]/db"))
        .hasMessageContaining("the IPv6 host \"[zz::1]\" is not an IPv6 address");
    assertThatThrownBy(() -> parse("postgresql://u@[::1]x/db"))
        .hasMessageContaining("the host \"[::1]x\" has text after ']'")
        .hasMessageContaining("remove \"x\" or write :PORT");
    assertThatThrownBy(() -> parse("postgresql://u@h:1:2/db"))
        .hasMessageContaining("a host entry has more than one ':'");
    assertThatThrownBy(() -> parse("postgresql://u@h::5432/db"))
        .hasMessageContaining("a host entry has more than one ':'");
    assertThatThrownBy(() -> parse("postgresql://u@:5432/db"))
        .hasMessageContaining("the host entry \":5432\" has no host name before ':'");
    assertThatThrownBy(() -> parse("postgresql://u@%2Ftmp/db"))
        .hasMessageContaining("the host \"%2Ftmp\" is percent-encoded")
        .hasMessageContaining("Unix-domain sockets");
    assertThatThrownBy(() -> parse("postgresql://u@a,,b/db"))
        .hasMessageContaining("the host list has an empty entry");
    assertThatThrownBy(() -> parse("postgresql://u@/db"))
        .hasMessageContaining("DATABASE_URL: it names no host");
  }

  @Test
  void hostErrorsAfterAPasswordSayWhichHostWithoutQuotingIt() {
    assertThatThrownBy(() -> parse("postgresql://u:pw@a,b!,c/db"))
        .hasMessageContaining("the 2nd host contains characters a host name cannot have")
        .message().doesNotContain("b!");
    assertThatThrownBy(() -> parse("postgresql://u:pw@[::1]x/db"))
        .hasMessageContaining("the host has text after ']'")
        .hasMessageContaining("remove the text after ']' or write :PORT");
    assertThatThrownBy(() -> parse("postgresql://u:pw@a,b,c:0/db"))
        .hasMessageContaining("the port after the 3rd host is out of range");
  }

  @Test
  void ordinalsFollowEnglish() {
    assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113)
        .stream().map(n -> Disclosure.unnamed(n - 1)).toList()).containsExactly(
        "the 1st query parameter", "the 2nd query parameter", "the 3rd query parameter",
        "the 4th query parameter", "the 11th query parameter", "the 12th query parameter", "the 13th query parameter",
        "the 21st query parameter", "the 22nd query parameter", "the 23rd query parameter",
        "the 101st query parameter", "the 111th query parameter", "the 112th query parameter",
        "the 113th query parameter");
  }
}
