package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/** Every condition and property of the auto-configuration; nothing here connects (pools start lazily). */
@ExtendWith(OutputCaptureExtension.class)
class WeaverDbRoutingAutoConfigurationTests {
  private static final String API_URL = "postgresql://app:Sup3rS3cret@db.example.com:5432/app";
  private static final String WORKER_URL = "postgresql://app:Sup3rS3cret@db.example.com:6543/app";

  private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(WeaverDbRoutingAutoConfiguration.class,
          WeaverDbRoutingRolesAutoConfiguration.class))
      .withConfiguration(BootAutoConfigurations.of("DataSourceAutoConfiguration", "JdbcTemplateAutoConfiguration",
          "DataSourceTransactionManagerAutoConfiguration", "TransactionAutoConfiguration", "AopAutoConfiguration"));

  @Test
  void roleAwareDataSourceIsThePrimaryDataSourceBuiltFromTheEnvironmentVariables() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL)
        .run(context -> {
          assertThat(context).hasSingleBean(RoleAwareDataSource.class);
          assertThat(context.getBean(DataSource.class)).isSameAs(context.getBean(RoleAwareDataSource.class));
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).endpoint()).isEqualTo("db.example.com:5432/app");
          assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
        });
  }

  @Test
  void workerFallsBackToDatabaseUrlWhenOnlyItIsSet() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .run(context -> assertThat(context.getBean(RoleAwareDataSource.class).plan(DbRole.WORKER).fellBack())
            .isTrue());
  }

  @Test
  void propertiesWinOverTheEnvironmentVariables() {
    contextRunner.withPropertyValues("DATABASE_URL=postgresql://x:y@elsewhere:5432/x",
        "weaver.dbrouting.api.url=" + API_URL, "weaver.dbrouting.worker.url=" + WORKER_URL,
        "weaver.dbrouting.api.pool-size=2", "weaver.dbrouting.api.max-overflow=3",
        "weaver.dbrouting.worker.pool-size=4", "weaver.dbrouting.worker.max-overflow=0",
        "weaver.dbrouting.worker.pool-mode=session", "weaver.dbrouting.api.pool-mode=transaction")
        .run(context -> {
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).endpoint()).isEqualTo("db.example.com:5432/app");
          assertThat(ds.plan(DbRole.API).minimumIdle()).isEqualTo(2);
          assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(5);
          assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
          assertThat(ds.plan(DbRole.WORKER).minimumIdle()).isEqualTo(4);
          assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(4);
          assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.SESSION);
        });
  }

  @Test
  void urlPropertyWinsOverAnInvalidVariable() {
    contextRunner.withPropertyValues("DATABASE_URL=postgresql://app:Sup3rS3cret@db.example.com:99999/app",
        "weaver.dbrouting.api.url=" + API_URL)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(RoleAwareDataSource.class).plan(DbRole.API).endpoint())
              .isEqualTo("db.example.com:5432/app");
        });
  }

  @Test
  void blankPropertyLeavesTheVariableToApply() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.api.url= ")
        .run(context -> assertThat(context.getBean(RoleAwareDataSource.class).plan(DbRole.API).endpoint())
            .isEqualTo("db.example.com:5432/app"));
  }

  @Test
  void everyPropertyWinsOverItsInvalidVariable() {
    contextRunner.withPropertyValues("DATABASE_URL=not a url", "WORKER_DATABASE_URL=not a url either",
        "DATABASE_POOL_MODE=sometimes", "WORKER_DATABASE_POOL_MODE=sometimes", "DATABASE_POOL_SIZE=many",
        "WORKER_DATABASE_POOL_SIZE=many", "DATABASE_MAX_OVERFLOW=-1", "WORKER_DATABASE_MAX_OVERFLOW=-1",
        "DATABASE_PROCESSES=0", "WORKER_DATABASE_PROCESSES=0", "DATABASE_CLIENT_LIMIT=none",
        "WORKER_DATABASE_CLIENT_LIMIT=none", "DATABASE_SERVER_SETTINGS=jit", "WORKER_DATABASE_SERVER_SETTINGS=jit",
        "DATABASE_CHECK_POOL_MODE=maybe", "WORKER_DATABASE_CHECK_POOL_MODE=maybe",
        "weaver.dbrouting.api.url=" + API_URL, "weaver.dbrouting.worker.url=" + API_URL,
        "weaver.dbrouting.api.pool-mode=session", "weaver.dbrouting.worker.pool-mode=session",
        "weaver.dbrouting.api.pool-size=2", "weaver.dbrouting.worker.pool-size=1",
        "weaver.dbrouting.api.max-overflow=3", "weaver.dbrouting.worker.max-overflow=1",
        "weaver.dbrouting.api.processes=2", "weaver.dbrouting.worker.processes=3",
        "weaver.dbrouting.api.client-limit=50", "weaver.dbrouting.worker.client-limit=40",
        "weaver.dbrouting.api.server-settings.jit=off", "weaver.dbrouting.worker.server-settings.jit=on",
        "weaver.dbrouting.api.check-pool-mode=false", "weaver.dbrouting.worker.check-pool-mode=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(5);
          assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(2);
          assertThat(ds.plan(DbRole.WORKER).processes()).isEqualTo(3);
          assertThat(ds.plan(DbRole.WORKER).clientLimit()).hasValue(40);
          assertThat(context.getBean("workerDataSource", DataSource.class).unwrap(HikariDataSource.class)
              .getConnectionInitSql()).isEqualTo("SET jit TO 'on'");
        });
  }

  @Test
  void budgetWarningNamesThePropertiesThatWereSet(CapturedOutput output) {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL,
        "weaver.dbrouting.api.pool-size=2", "weaver.dbrouting.api.max-overflow=20",
        "weaver.dbrouting.api.client-limit=10", "weaver.dbrouting.api.processes=1")
        .run(context -> assertThat(output).contains("= 22 of 10 (weaver.dbrouting.api.client-limit)")
            .contains("Fix: lower weaver.dbrouting.api.pool-size / weaver.dbrouting.api.max-overflow so that")
            .contains("run fewer processes (weaver.dbrouting.api.processes)")
            .doesNotContain("clientLimit(API, int)").doesNotContain("poolSize(API, int)"));
  }

  @Test
  void budgetWarningNamesTheVariablesThatWereSet(CapturedOutput output) {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL,
        "DATABASE_POOL_SIZE=2", "DATABASE_MAX_OVERFLOW=20", "DATABASE_CLIENT_LIMIT=10")
        .run(context -> assertThat(output).contains("= 22 of 10 (DATABASE_CLIENT_LIMIT)")
            .contains("Fix: lower DATABASE_POOL_SIZE / DATABASE_MAX_OVERFLOW so that")
            .contains("run fewer processes (DATABASE_PROCESSES)"));
  }

  @Test
  void budgetWarningNamesEachSettingWhereItWasGiven(CapturedOutput output) {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL,
        "DATABASE_POOL_SIZE=2", "weaver.dbrouting.api.max-overflow=20", "weaver.dbrouting.api.client-limit=10")
        .run(context -> assertThat(output).contains("= 22 of 10 (weaver.dbrouting.api.client-limit)")
            .contains("Fix: lower DATABASE_POOL_SIZE / weaver.dbrouting.api.max-overflow so that"));
  }

  @Test
  void invalidPropertyValueFailsStartupNamingTheProperty() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.worker.client-limit=0")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.worker.client-limit: 0 is less than 1"));
  }

  @Test
  void emptyPoolFailsStartupNamingBothProperties() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.api.pool-size=0",
        "weaver.dbrouting.api.max-overflow=0")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.api.pool-size: weaver.dbrouting.api.pool-size=0 and "
                + "weaver.dbrouting.api.max-overflow=0 leave the pool no connection"));
  }

  @Test
  void invalidWorkerUrlPropertyFailsStartupNamingTheProperty() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL,
        "weaver.dbrouting.worker.url=postgresql://app:Sup3rS3cret@db.example.com:65432x/app")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.worker.url: ").hasMessageNotContaining("Sup3rS3cret"));
  }

  @Test
  void invalidDeprecatedUrlKeyFailsStartupNamingThatKey() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL,
        "weaver.dbrouting.worker-database-url=postgresql://app:Sup3rS3cret@db.example.com:65432x/app")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.worker-database-url: ").hasMessageNotContaining("Sup3rS3cret"));
  }

  @Test
  void deprecatedUrlKeysStillSetBothEndpoints() {
    contextRunner.withPropertyValues("DATABASE_URL=postgresql://x:y@elsewhere:5432/x",
        "weaver.dbrouting.database-url=" + API_URL, "weaver.dbrouting.worker-database-url=" + WORKER_URL)
        .run(context -> {
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).endpoint()).isEqualTo("db.example.com:5432/app");
          assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("db.example.com:6543/app");
          assertThat(ds.plan(DbRole.WORKER).fellBack()).isFalse();
        });
  }

  @Test
  void urlKeyWinsOverItsDeprecatedKeyWhenBothAreSet() {
    contextRunner.withPropertyValues("weaver.dbrouting.api.url=" + API_URL,
        "weaver.dbrouting.database-url=postgresql://app:Sup3rS3cret@db.example.com:99999/app",
        "weaver.dbrouting.worker.url=" + WORKER_URL, "weaver.dbrouting.worker-database-url=not a url")
        .run(context -> {
          assertThat(context).hasNotFailed();
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).endpoint()).isEqualTo("db.example.com:5432/app");
          assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("db.example.com:6543/app");
        });
  }

  @Test
  void blankUrlKeyLeavesItsDeprecatedKeyToApply() {
    contextRunner.withPropertyValues("weaver.dbrouting.api.url= ", "weaver.dbrouting.database-url=" + API_URL)
        .run(context -> assertThat(context.getBean(RoleAwareDataSource.class).plan(DbRole.API).endpoint())
            .isEqualTo("db.example.com:5432/app"));
  }

  @Test
  void serverSettingsOnATransactionPoolAreRefusedNamingTheProperty() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL,
        "weaver.dbrouting.worker.server-settings.jit=off")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.worker.server-settings: server settings (jit) cannot be "
                + "applied on a transaction-mode pool"));
  }

  @Test
  void serverSettingValueWithACommaIsRefusedNamingTheProperty() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.api.server-settings.jit=off,on")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.api.server-settings: the value of \"jit\" holds a character"));
  }

  @Test
  void serverSettingsPropertyWinsOverTheVariable() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "DATABASE_SERVER_SETTINGS=jit=on,work_mem=64MB",
        "weaver.dbrouting.api.server-settings.jit=off")
        .run(context -> assertThat(context.getBean("apiDataSource", DataSource.class).unwrap(HikariDataSource.class)
            .getConnectionInitSql()).isEqualTo("SET jit TO 'off'"));
  }

  @Test
  void budgetAndServerSettingsMapOntoTheBuilder() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.api.processes=3",
        "weaver.dbrouting.api.client-limit=100", "weaver.dbrouting.api.server-settings.jit=off")
        .run(context -> {
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).processes()).isEqualTo(3);
          assertThat(ds.plan(DbRole.API).clientLimit()).hasValue(100);
          assertThat(context.getBean("apiDataSource", DataSource.class).unwrap(HikariDataSource.class)
              .getConnectionInitSql()).isEqualTo("SET jit TO 'off'");
        });
  }

  @Test
  void sizesAndModesComeFromTheEnvironmentVariablesToo() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "DATABASE_POOL_SIZE=1", "DATABASE_MAX_OVERFLOW=1",
        "WORKER_DATABASE_POOL_MODE=transaction")
        .run(context -> {
          RoleAwareDataSource ds = context.getBean(RoleAwareDataSource.class);
          assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(2);
          assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.TRANSACTION);
        });
  }

  @Test
  void hikariPropertiesReachEachRolesPool() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL,
        "weaver.dbrouting.worker.hikari.connection-timeout=1234", "weaver.dbrouting.api.hikari.max-lifetime=600000")
        .run(context -> {
          HikariDataSource worker = context.getBean("workerDataSource", DataSource.class)
              .unwrap(HikariDataSource.class);
          HikariDataSource api = context.getBean("apiDataSource", DataSource.class).unwrap(HikariDataSource.class);
          assertThat(worker.getConnectionTimeout()).isEqualTo(1234);
          assertThat(api.getMaxLifetime()).isEqualTo(600_000);
          assertThat(api.getConnectionTimeout()).isEqualTo(30_000);
        });
  }

  @Test
  void unknownHikariPropertyFailsStartupNamingIt() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.worker.hikari.conection-timeout=5")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("conection-timeout");
          assertThat(InvalidSettingFailureAnalyzerTests.analyze(context.getStartupFailure()).getDescription())
              .startsWith("weaver.dbrouting.worker.hikari: ");
        });
  }

  @Test
  void sessionSettingOnATransactionPoolFailsStartupWithTheReason() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL,
        "weaver.dbrouting.worker.hikari.transaction-isolation=TRANSACTION_SERIALIZABLE")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("customizeHikari(WORKER): transactionIsolation"));
  }

  @Test
  void workerBeansAreQualifiedAndNotDefaultCandidates() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL)
        .withUserConfiguration(InjectsPlainBeans.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          InjectsPlainBeans plain = context.getBean(InjectsPlainBeans.class);
          assertThat(plain.dataSource).isSameAs(context.getBean(RoleAwareDataSource.class));
          assertThat(plain.jdbcTemplate.getDataSource()).isSameAs(context.getBean(RoleAwareDataSource.class));
          assertThat(context.getBean("workerDataSource", DataSource.class).unwrap(HikariDataSource.class)
              .getPoolName()).isEqualTo("weaver-worker");
          assertThat(context.getBean("apiDataSource", DataSource.class).unwrap(HikariDataSource.class)
              .getPoolName()).isEqualTo("weaver-api");
          assertThat(context.getBean("workerJdbcTemplate", JdbcTemplate.class).getDataSource())
              .isSameAs(context.getBean("workerDataSource"));
          assertThat(context.getBean("workerTransactionManager")).isInstanceOf(PlatformTransactionManager.class);
          assertThat(context.getBeansOfType(TransactionManager.class)).containsKey("transactionManager");
        });
  }

  @Test
  void workerBeansAreInjectedByTheirQualifier() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL)
        .withUserConfiguration(InjectsWorkerBeans.class)
        .run(context -> {
          InjectsWorkerBeans worker = context.getBean(InjectsWorkerBeans.class);
          assertThat(worker.dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("weaver-worker");
          assertThat(worker.jdbcTemplate.getDataSource()).isSameAs(worker.dataSource);
          assertThat(worker.transactionManager).isSameAs(context.getBean("workerTransactionManager"));
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesADataSource() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .withUserConfiguration(OwnDataSource.class)
        .run(context -> {
          assertThat(context).doesNotHaveBean(RoleAwareDataSource.class);
          assertThat(context).doesNotHaveBean("workerDataSource");
          assertThat(context).doesNotHaveBean("useDbRoleAdvisor");
          assertThat(context).doesNotHaveBean(RoleScopeTaskDecorator.class);
          assertThat(context).hasSingleBean(DataSource.class);
        });
  }

  @Test
  void usesTheApplicationsOwnRoleAwareDataSource() {
    contextRunner.withUserConfiguration(OwnRoleAwareDataSource.class)
        .run(context -> {
          assertThat(context).hasSingleBean(RoleAwareDataSource.class);
          assertThat(context.getBean(RoleAwareDataSource.class).plan(DbRole.API).endpoint())
              .isEqualTo("own.example.com:5432/own");
          assertThat(context).hasBean("workerDataSource");
        });
  }

  @Test
  void switchedOffByEnabledFalseLeavingBootsOwnDataSource() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.enabled=false",
        "spring.datasource.url=jdbc:postgresql://localhost/boot")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(RoleAwareDataSource.class);
          assertThat(context).doesNotHaveBean("useDbRoleAdvisor");
          assertThat(context).hasSingleBean(DataSource.class);
        });
  }

  @Test
  void backsOffWithoutCore() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "spring.datasource.url=jdbc:postgresql://localhost/boot")
        .withClassLoader(new FilteredClassLoader(RoleAwareDataSource.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean("roleAwareDataSource");
          assertThat(context).doesNotHaveBean("workerDataSource");
        });
  }

  @Test
  void missingDatabaseUrlFailsStartupNamingIt() {
    contextRunner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("DATABASE_URL: is not set"));
  }

  @Test
  void customizersRunInOrderAfterTheProperties() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.worker.pool-size=9")
        .withUserConfiguration(Customizers.class)
        .run(context -> assertThat(context.getBean(RoleAwareDataSource.class).plan(DbRole.WORKER).minimumIdle())
            .isEqualTo(3));
  }

  @Test
  void contributesAPropagatingTaskDecorator() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .run(context -> assertThat(context).hasSingleBean(RoleScopeTaskDecorator.class));
  }

  @Test
  void joinsTheApplicationsTaskDecoratorOnBoot4AndBacksOffOnBoot35() {
    boolean boot4 = isPresent(WeaverDbRoutingRolesAutoConfiguration.BOOT_4_MARKER);
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .withBean("mdcDecorator", TaskDecorator.class, () -> runnable -> runnable)
        .run(context -> {
          assertThat(context).hasBean("mdcDecorator");
          assertThat(context.getBeansOfType(RoleScopeTaskDecorator.class)).hasSize(boot4 ? 1 : 0);
        });
  }

  @Test
  void readsDatabaseUrlWithoutResolvingPlaceholdersInThePassword() {
    contextRunner.withPropertyValues("DATABASE_URL=postgresql://app:pa${zz}Secret@db.example.com:5432/app")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("apiDataSource", DataSource.class).unwrap(HikariDataSource.class).getPassword())
              .isEqualTo("pa${zz}Secret");
        });
  }

  @Test
  void hikariSettingsTheLibraryOwnsAreRefusedByFullName() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.api.hikari.pool-name=mine")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("weaver.dbrouting.api.hikari.pool-name: is set by weaver-dbrouting"));
  }

  @Test
  void hikariUrlSettingIsRefusedPointingAtTheRolesUrlProperty() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "weaver.dbrouting.worker.hikari.jdbc-url=jdbc:x")
        .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("weaver.dbrouting.worker.hikari.jdbc-url: is set by weaver-dbrouting")
            .hasMessageContaining("Fix: remove it; set the URL with weaver.dbrouting.worker.url."));
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void infoShowsEachRolesPlanWithoutSecrets() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL, "WORKER_DATABASE_URL=" + WORKER_URL)
        .run(context -> {
          Info.Builder builder = new Info.Builder();
          context.getBean(DbRoutingInfoContributor.class).contribute(builder);
          Info info = builder.build();
          @SuppressWarnings("unchecked")
          Map<String, Map<String, Object>> roles = (Map<String, Map<String, Object>>) info.get("dbrouting");
          assertThat(roles.get("worker")).containsEntry("mode", PoolMode.TRANSACTION)
              .containsEntry("endpoint", "db.example.com:6543/app").containsEntry("fellBack", false)
              .containsEntry("maximumPoolSize", 15);
          assertThat(roles.get("worker").get("modeReason").toString()).contains("6543");
          assertThat(info.toString()).doesNotContain("Sup3rS3cret");
        });
  }

  @Test
  void noInfoContributorWithoutActuator() {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(context -> {
          assertThat(context).hasSingleBean(RoleAwareDataSource.class);
          assertThat(context).doesNotHaveBean(DbRoutingInfoContributor.class);
        });
  }

  @Test
  void warnsWhenMigrationsWouldRunThroughATransactionModePool(CapturedOutput output) {
    contextRunner.withPropertyValues("DATABASE_URL=" + WORKER_URL)
        .run(context -> assertThat(output).contains("weaver-api - Flyway migrates through this pool, which is in "
            + "transaction mode"));
  }

  @Test
  void doesNotWarnAboutMigrationsOnASessionModePool(CapturedOutput output) {
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .run(context -> {
          assertThat(context).hasBean("flywayRouteCheck");
          assertThat(output).doesNotContain("Flyway migrates through this pool, which is in transaction mode");
        });
  }

  @Test
  void closesBothPoolsWithTheContext() {
    RoleAwareDataSource[] seen = new RoleAwareDataSource[1];
    contextRunner.withPropertyValues("DATABASE_URL=" + API_URL)
        .run(context -> seen[0] = context.getBean(RoleAwareDataSource.class));
    assertThat(seen[0].isClosed()).isTrue();
  }

  @Configuration(proxyBeanMethods = false)
  static class InjectsPlainBeans {
    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbcTemplate;
  }

  @Configuration(proxyBeanMethods = false)
  static class InjectsWorkerBeans {
    @Autowired @WorkerDataSource DataSource dataSource;
    @Autowired @WorkerDataSource JdbcTemplate jdbcTemplate;
    @Autowired @WorkerDataSource PlatformTransactionManager transactionManager;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDataSource {
    @Bean
    DataSource myDataSource() {
      return new HikariDataSource();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRoleAwareDataSource {
    @Bean
    RoleAwareDataSource myRoleAwareDataSource() {
      return RoleAwareDataSource.builder().databaseUrl("postgresql://own:pw@own.example.com:5432/own").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    @org.springframework.core.annotation.Order(2)
    RoleAwareDataSourceCustomizer second() {
      return builder -> builder.poolSize(DbRole.WORKER, 3);
    }

    @Bean
    @org.springframework.core.annotation.Order(1)
    RoleAwareDataSourceCustomizer first() {
      return builder -> builder.poolSize(DbRole.WORKER, 7);
    }
  }

}
