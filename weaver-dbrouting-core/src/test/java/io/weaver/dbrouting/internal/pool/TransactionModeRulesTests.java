package io.weaver.dbrouting.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.internal.url.ParsedUrl;
import io.weaver.dbrouting.internal.url.UrlParser;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a transaction-mode pool refuses, in its URL and in its finished HikariConfig, and what a session pool allows. */
class TransactionModeRulesTests {
  private static final String MODE = "WORKER_DATABASE_POOL_MODE";
  private static final String STATEMENTS = "WORKER_DATABASE_PREPARED_STATEMENTS";

  private static ParsedUrl url(String url) {
    return UrlParser.parse(url, "WORKER_DATABASE_URL");
  }

  private static void checkUrl(String url, PoolMode mode) {
    ModeRules.checkUrl(url(url), mode, mode == PoolMode.TRANSACTION ? PreparedStatements.OFF : PreparedStatements.ON,
        false, "WORKER_DATABASE_URL", MODE, STATEMENTS);
  }

  @Test
  void aThresholdOtherThanZeroInTheUrlIsRefusedOnATransactionPoolOnly() {
    assertThatThrownBy(() -> checkUrl("postgresql://u@h/db?prepareThreshold=5", PoolMode.TRANSACTION))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("WORKER_DATABASE_URL: \"prepareThreshold=5\" makes pgjdbc name server-side prepared "
            + "statements on a transaction-mode pool")
        .hasMessageContaining("remove it: the pool sets prepareThreshold=0 itself; to name statements where the "
            + "pooler keeps them (PgBouncer 1.21+ with max_prepared_statements), set "
            + "WORKER_DATABASE_PREPARED_STATEMENTS=auto or on; or set WORKER_DATABASE_POOL_MODE=session");
    assertThatCode(() -> checkUrl("postgresql://u@h/db?prepareThreshold=5", PoolMode.SESSION))
        .doesNotThrowAnyException();
    assertThatCode(() -> checkUrl("postgresql://u@h/db?prepareThreshold=0", PoolMode.TRANSACTION))
        .doesNotThrowAnyException();
    assertThatCode(() -> checkUrl("postgresql://u@h/db?prepareThreshold=%200%20", PoolMode.TRANSACTION))
        .doesNotThrowAnyException();
  }

  @Test
  void theUrlsThresholdIsNamedAsWritten() {
    assertThatThrownBy(() -> checkUrl("postgresql://u@h/db?statement_cache_size=100&prepareThreshold=1",
        PoolMode.TRANSACTION)).hasMessageContaining("\"prepareThreshold=1\" makes pgjdbc name");
  }

  @Test
  void sessionStateInTheUrlIsRefusedOnATransactionPool() {
    assertThatThrownBy(() -> checkUrl("postgresql://u@h/db?readOnlyMode=always", PoolMode.TRANSACTION))
        .hasMessageContaining("readOnlyMode=always makes pgjdbc send SET SESSION CHARACTERISTICS on a "
            + "transaction-mode pool, where session state leaks to other clients")
        .hasMessageContaining("(or set WORKER_DATABASE_POOL_MODE=session if this endpoint is really");
    assertThatThrownBy(() -> checkUrl("postgresql://u@h/db?currentSchema=app", PoolMode.TRANSACTION))
        .hasMessageContaining("\"currentSchema\" sets session state in the startup packet");
    assertThatThrownBy(() -> checkUrl("postgresql://u@h/db?options=-c%20jit%3Doff", PoolMode.TRANSACTION))
        .hasMessageContaining("\"options\" sets session state in the startup packet");
    assertThatCode(() -> checkUrl("postgresql://u@h/db?readOnlyMode=transaction", PoolMode.TRANSACTION))
        .doesNotThrowAnyException();
    assertThatCode(() -> checkUrl("postgresql://u@h/db?readOnlyMode=always&currentSchema=app&options=x",
        PoolMode.SESSION)).doesNotThrowAnyException();
  }

  @Test
  void aUrlThresholdAgreesWithThePreparedStatementsSetting() {
    assertThatCode(() -> ModeRules.checkUrl(url("postgresql://u@h/db?prepareThreshold=3"), PoolMode.TRANSACTION,
        PreparedStatements.ON, true, "WORKER_DATABASE_URL", MODE, STATEMENTS)).doesNotThrowAnyException();
    assertThatCode(() -> ModeRules.checkUrl(url("postgresql://u@h/db?prepareThreshold=3"), PoolMode.TRANSACTION,
        PreparedStatements.AUTO, true, "WORKER_DATABASE_URL", MODE, STATEMENTS)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ModeRules.checkUrl(url("postgresql://u@h/db?prepareThreshold=0"), PoolMode.TRANSACTION,
        PreparedStatements.ON, true, "WORKER_DATABASE_URL", MODE, STATEMENTS))
        .hasMessageStartingWith("WORKER_DATABASE_URL: \"prepareThreshold=0\" turns server-side prepared statements "
            + "off, but WORKER_DATABASE_PREPARED_STATEMENTS is on")
        .hasMessageContaining("set WORKER_DATABASE_PREPARED_STATEMENTS=off");
    assertThatThrownBy(() -> ModeRules.checkUrl(url("postgresql://u@h/db?prepareThreshold=5"), PoolMode.SESSION,
        PreparedStatements.OFF, true, "DATABASE_URL", MODE, STATEMENTS))
        .hasMessageContaining("\"prepareThreshold=5\" names server-side prepared statements, but "
            + "WORKER_DATABASE_PREPARED_STATEMENTS turns them off");
  }

  @Test
  void startupSessionSettingsAreListedAsWritten() {
    assertThat(ModeRules.startupSessionSettings(url("postgresql://u@h/db?options=x&currentSchema=app")))
        .containsExactly("currentSchema", "options");
    assertThat(ModeRules.startupSessionSettings(url("postgresql://u@h/db?sslmode=require"))).isEmpty();
  }

  private static HikariConfig config(PoolMode mode, Consumer<HikariConfig> customizer) {
    HikariConfig config = PoolSettings.create(DbRole.WORKER, url("postgresql://u@h/db"), mode, 1, 2);
    customizer.accept(config);
    return config;
  }

  private static void checkConfig(PoolMode mode, Consumer<HikariConfig> customizer) {
    ModeRules.checkConfig(config(mode, customizer), mode, "jdbc:postgresql://h:5432/db",
        mode == PoolMode.TRANSACTION ? "0" : null, "customizeHikari(WORKER)", MODE, STATEMENTS);
  }

  @Test
  void anUntouchedConfigPassesInEitherMode() {
    assertThatCode(() -> checkConfig(PoolMode.TRANSACTION, c -> { })).doesNotThrowAnyException();
    assertThatCode(() -> checkConfig(PoolMode.SESSION, c -> { })).doesNotThrowAnyException();
  }

  @Test
  void aCustomizerMayNotReplaceTheConnectionInEitherMode() {
    for (PoolMode mode : PoolMode.values()) {
      assertThatThrownBy(() -> checkConfig(mode, c -> c.setJdbcUrl("jdbc:postgresql://other/db")))
          .hasMessageStartingWith("customizeHikari(WORKER): it replaces the connection");
      assertThatThrownBy(() -> checkConfig(mode, c -> c.setDataSourceClassName("org.postgresql.ds.PGSimpleDataSource")))
          .hasMessageStartingWith("customizeHikari(WORKER): it replaces the connection");
      assertThatThrownBy(() -> checkConfig(mode, c -> c.setDataSource(new org.postgresql.ds.PGSimpleDataSource())))
          .hasMessageStartingWith("customizeHikari(WORKER): it replaces the connection");
    }
  }

  @Test
  void aNonStringPropertyIsRefusedInEitherModeNamingItsType() {
    assertThatThrownBy(() -> checkConfig(PoolMode.SESSION, c -> c.addDataSourceProperty("socketTimeout", 5)))
        .hasMessageContaining("data source property \"socketTimeout\" is a Integer");
    assertThatThrownBy(() -> checkConfig(PoolMode.SESSION, c -> c.addDataSourceProperty("loginTimeout", 5L)))
        .hasMessageContaining("data source property \"loginTimeout\" is a Long");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "-1", ""})
  void aTransactionPoolKeepsPrepareThresholdZero(String threshold) {
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.addDataSourceProperty("prepareThreshold",
        threshold))).hasMessageContaining("prepareThreshold=" + threshold + " makes pgjdbc name server-side")
        .hasMessageContaining("do not change prepareThreshold on this pool");
    assertThatCode(() -> checkConfig(PoolMode.SESSION, c -> c.addDataSourceProperty("prepareThreshold", threshold)))
        .doesNotThrowAnyException();
  }

  @Test
  void aTransactionPoolWithoutAnyThresholdIsRefused() {
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.getDataSourceProperties()
        .remove("prepareThreshold"))).hasMessageContaining("prepareThreshold=null makes pgjdbc name");
    assertThatCode(() -> checkConfig(PoolMode.TRANSACTION, c -> c.addDataSourceProperty("prepareThreshold", " 0")))
        .doesNotThrowAnyException();
  }

  @Test
  void sessionStateInTheConfigIsRefusedOnATransactionPoolOnly() {
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.setTransactionIsolation("TRANSACTION_SERIALIZABLE")))
        .hasMessageContaining("transactionIsolation makes every connection send SET SESSION CHARACTERISTICS");
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.setSchema("app")))
        .hasMessageContaining("schema makes every connection send SET search_path");
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.setConnectionInitSql("SET jit = off")))
        .hasMessageContaining("connectionInitSql runs once per client connection");
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.addDataSourceProperty("readOnlyMode", "always")))
        .hasMessageContaining("readOnlyMode=always makes pgjdbc send SET SESSION CHARACTERISTICS");
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.addDataSourceProperty("currentSchema", "app")))
        .hasMessageContaining("\"currentSchema\" sets session state in the startup packet");
    assertThatThrownBy(() -> checkConfig(PoolMode.TRANSACTION, c -> c.addDataSourceProperty("options", "-c jit=off")))
        .hasMessageContaining("\"options\" sets session state in the startup packet");
    assertThatCode(() -> checkConfig(PoolMode.TRANSACTION, c -> c.addDataSourceProperty("readOnlyMode", "transaction")))
        .doesNotThrowAnyException();
    assertThatCode(() -> checkConfig(PoolMode.SESSION, c -> {
      c.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
      c.setSchema("app");
      c.setConnectionInitSql("SET jit = off");
      c.addDataSourceProperty("readOnlyMode", "always");
      c.addDataSourceProperty("currentSchema", "app");
      c.addDataSourceProperty("options", "x");
    })).doesNotThrowAnyException();
  }
}
