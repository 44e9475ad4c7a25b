package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grammar of per-role server settings, and the SQL a session pool runs for them. */
class ServerSettingGrammarTests {
  private static final String LABEL = "DATABASE_SERVER_SETTINGS";

  @Test
  void emptyEntriesAreSkippedAndSpacesAroundNamesAndValuesDropped() {
    assertThat(ServerSettings.parse(" , jit = off ,, app.tenant=acme ,", LABEL))
        .containsExactly(Map.entry("jit", "off"), Map.entry("app.tenant", "acme"));
    assertThat(ServerSettings.parse("", LABEL)).isEmpty();
  }

  @Test
  void valuesMayHoldLettersDigitsSpacesAndTheFewPunctuationMarksSettingsUse() {
    assertThat(ServerSettings.parse("work_mem=64MB,statement_timeout=1.5min,timezone=Europe/Paris,x.y=+1 -2%:_",
        LABEL)).containsEntry("timezone", "Europe/Paris").containsEntry("x.y", "+1 -2%:_");
  }

  @Test
  void valuesMayBeUpTo200CharactersLong() {
    Map<String, String> settings = new LinkedHashMap<>();
    ServerSettings.put(settings, "app.long", "v".repeat(200), LABEL);
    assertThat(settings).containsEntry("app.long", "v".repeat(200));

    assertThatThrownBy(() -> ServerSettings.put(new LinkedHashMap<>(), "app.long", "v".repeat(201), LABEL))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("DATABASE_SERVER_SETTINGS: the value of \"app.long\" holds a character settings do "
            + "not need, or is empty");
  }

  @Test
  void aNameIsOneIdentifierOrTwoJoinedByADot() {
    assertThat(ServerSettings.parse("_x=1,A9_b=2,a.b=3", LABEL)).containsOnlyKeys("_x", "A9_b", "a.b");
    assertThatThrownBy(() -> ServerSettings.parse("a.=1", LABEL))
        .hasMessageStartingWith("DATABASE_SERVER_SETTINGS: the setting name \"a.\" is not a PostgreSQL setting name");
    assertThatThrownBy(() -> ServerSettings.parse("=1", LABEL))
        .hasMessageContaining("the setting name \"\" is not a PostgreSQL setting name");
  }

  @Test
  void aSettingGivenTwiceIsRefusedEvenWithOtherSpacing() {
    assertThatThrownBy(() -> ServerSettings.parse("jit=off, jit =on", LABEL))
        .hasMessageContaining("the setting \"jit\" is given twice; each setting may appear once. Fix: keep one jit.");
  }

  @Test
  void theSqlQuotesEachValueAndDoublesAnyQuote() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("jit", "off");
    settings.put("app.note", "it's");

    assertThat(ServerSettings.sql(settings)).isEqualTo("SET jit TO 'off'; SET app.note TO 'it''s'");
  }

  @Test
  void theRefusalOnATransactionPoolShowsTheFirstSettingInBothAlternatives() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("statement_timeout", "30s");
    settings.put("jit", "off");

    assertThat(ServerSettings.refusedOnTransactionPool(settings, LABEL, "DATABASE_POOL_MODE"))
        .hasMessageStartingWith("DATABASE_SERVER_SETTINGS: server settings (statement_timeout, jit) cannot be applied")
        .hasMessageContaining("ALTER ROLE <user> SET statement_timeout = '30s', or with SET LOCAL statement_timeout "
            + "= '30s' inside each transaction (or set DATABASE_POOL_MODE=session");
  }
}
