package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.stack.PoolerStack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other integration test and reads everything they logged. */
@Order(Integer.MAX_VALUE)
class LogOutputIT {

  @Test
  void theWholeSuiteLogNeverContainsTheTestPassword() throws Exception {
    Path log = Path.of(System.getProperty("weaver.log.file", "target/weaver-tests.log"));
    String text = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(text).as("the suite logged what this library decided").contains("weaver-worker - mode TRANSACTION")
        .contains("weaver-api - mode SESSION").contains("HikariPool");
    assertThat(text).doesNotContain(PoolerStack.PASSWORD)
        .doesNotContain(URLEncoder.encode(PoolerStack.PASSWORD, StandardCharsets.UTF_8))
        .doesNotContain(PoolerStack.PASSWORD.substring(0, 8));
  }
}
