package io.weaver.dbrouting.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-pool switch of statement naming: what new connections get, and that each change happens once. */
class StatementNamingTests {
  private static Properties withThreshold(String value) {
    Properties properties = new Properties();
    properties.setProperty("user", "app");
    if (value != null) {
      properties.setProperty("prepareThreshold", value);
    }
    return properties;
  }

  @Test
  void newConnectionsFollowTheSwitch() {
    StatementNaming naming = new StatementNaming(false, "3");
    assertThat(naming.apply(withThreshold("0")).getProperty("prepareThreshold")).isEqualTo("0");
    assertThat(naming.start()).isTrue();
    assertThat(naming.apply(withThreshold("0")).getProperty("prepareThreshold")).isEqualTo("3");
    assertThat(naming.stop()).isTrue();
    assertThat(naming.apply(withThreshold("0")).getProperty("prepareThreshold")).isEqualTo("0");
    assertThat(naming.start()).as("a stop is for good").isFalse();
    assertThat(naming.fellBack()).isTrue();

    StatementNaming pgjdbcDefault = new StatementNaming(true, null);
    assertThat(pgjdbcDefault.apply(withThreshold("0")).containsKey("prepareThreshold")).isFalse();
  }

  @Test
  void aSwitchThatWasNeverOnDoesNotFallBack() {
    StatementNaming off = new StatementNaming(false, null);
    assertThat(off.stop()).isFalse();
    assertThat(off.fellBack()).isFalse();
  }

  @Test
  void manyThreadsStoppingAtOnceTurnItOffExactlyOnce() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      StatementNaming naming = new StatementNaming(true, null);
      AtomicInteger changes = new AtomicInteger();
      naming.onChange(changes::incrementAndGet);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(16);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          results.add(threads.submit(() -> {
            go.await();
            return naming.stop();
          }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
          won += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
        assertThat(changes).hasValue(1);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void startingRunsTheChangeOnceAndAStartAfterAStopDoesNothing() {
    AtomicInteger changes = new AtomicInteger();
    StatementNaming naming = new StatementNaming(false, null);
    naming.onChange(changes::incrementAndGet);
    assertThat(naming.named()).isFalse();

    assertThat(naming.start()).isTrue();
    assertThat(naming.named()).isTrue();
    assertThat(changes).hasValue(1);
    assertThat(naming.start()).as("already on").isFalse();
    assertThat(changes).hasValue(1);

    StatementNaming stopped = new StatementNaming(false, null);
    stopped.onChange(changes::incrementAndGet);
    assertThat(stopped.stop()).as("it was not on, so nothing fell back").isFalse();
    assertThat(stopped.fellBack()).isFalse();
    assertThat(stopped.start()).isFalse();
    assertThat(stopped.named()).isFalse();
    assertThat(changes).hasValue(1);
  }
}
