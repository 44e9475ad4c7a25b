package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.Driver;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * On the pgjdbc that Spring Boot's BOM manages (newer than the one this library is built with), as applications on
 * that BOM run. The build runs this class in its own test execution with that driver in place of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootManagedPgjdbcTests {
  private static final String BOOT_PGJDBC = System.getProperty("weaver.boot.postgresql.version");

  private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(WeaverDbRoutingAutoConfiguration.class));

  @BeforeAll
  static void runsOnBootsPgjdbc() {
    assumeTrue(BOOT_PGJDBC != null, "runs in the boot-managed-pgjdbc test execution only");
    assertThat(Driver.class.getPackage().getImplementationVersion()).isEqualTo(BOOT_PGJDBC);
  }

  @Test
  void warnsAboutPgjdbc3896OnATransactionModeWorkerPool(CapturedOutput output) {
    contextRunner.withPropertyValues("DATABASE_URL=postgresql://app:pw@db.example.com:5432/app",
        "WORKER_DATABASE_URL=postgresql://app:pw@db.example.com:6543/app")
        .run(context -> assertThat(output)
            .contains("weaver-worker - pgjdbc " + BOOT_PGJDBC + " names a server-side statement when "
                + "PreparedStatement.getMetaData() runs before the first execution")
            .contains("set the property postgresql.version=42.7.7")
            .doesNotContain("weaver-api - pgjdbc"));
  }
}
