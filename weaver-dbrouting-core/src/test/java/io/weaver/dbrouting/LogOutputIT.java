package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.PoolerStack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    List<String> secrets = List.of(PoolerStack.PASSWORD, URLEncoder.encode(PoolerStack.PASSWORD, StandardCharsets.UTF_8),
        PoolerStack.PASSWORD.substring(0, 8));
    List<String> leaks = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (secrets.stream().anyMatch(line::contains)) {
        leaks.add(log.getFileName() + ":" + (i + 1)); // where, never what: the line holds the password
      }
    }
    assertThat(leaks).as("log lines that contain the test password").isEmpty();
  }
}
