package io.weaver.dbrouting.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.Setting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which pools probe their endpoint at first use: those asked to check the pool mode, and transaction-mode pools whose
 * prepared statements are not off (the probe decides {@code auto} and confirms {@code on}).
 */
class FirstUseProbeTests {

  @ParameterizedTest(name = "{0}, prepared statements {1}, check pool mode {2}: probes {3}")
  @CsvSource(nullValues = "default", value = {
      "TRANSACTION, default, false, false",
      "TRANSACTION, OFF, false, false",
      "TRANSACTION, AUTO, false, true",
      "TRANSACTION, ON, false, true",
      "TRANSACTION, OFF, true, true",
      "SESSION, default, false, false",
      "SESSION, AUTO, false, false",
      "SESSION, ON, false, false",
      "SESSION, default, true, true"})
  void probesWhenTheModeCheckIsAskedForOrATransactionPoolMayNameStatements(PoolMode mode,
      @Nullable PreparedStatements prepared, boolean checkPoolMode, boolean probes) {
    SettingsInput input = new SettingsInput();
    input.fromBuilder(Setting.URL, DbRole.API, "postgresql://app:secret@db.example.com:5432/app");
    input.fromBuilder(Setting.POOL_MODE, DbRole.WORKER, mode);
    input.fromBuilder(Setting.CHECK_POOL_MODE, DbRole.WORKER, checkPoolMode);
    if (prepared != null) {
      input.fromBuilder(Setting.PREPARED_STATEMENTS, DbRole.WORKER, prepared);
    }

    ResolvedRole worker = RoleResolver.resolve(input).get(DbRole.WORKER);

    assertThat(worker.probesAtFirstUse()).isEqualTo(probes);
  }
}
