package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.spring.jpa.IsolationLevels;
import io.weaver.dbrouting.spring.jpa.IsolationTestApplication;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @Transactional(isolation = SERIALIZABLE)} next to default transactions on the worker role behind the real
 * transaction-mode PgBouncer, through Spring's JDBC transaction manager and through JPA: every transaction runs at the
 * level asked for, and no server connection keeps a level afterwards.
 */
@WithPoolerStack
@SpringBootTest(classes = IsolationTestApplication.class, properties = {
    "spring.flyway.enabled=false", "WORKER_DATABASE_POOL_MODE=transaction", "DATABASE_POOL_SIZE=1", "DATABASE_MAX_OVERFLOW=2",
    "WORKER_DATABASE_POOL_SIZE=2", "WORKER_DATABASE_MAX_OVERFLOW=6"})
class TransactionIsolationIT {
  private static final int THREADS_PER_KIND = 4;
  private static PoolerStack stack;

  @Autowired IsolationLevels levels;

  @BeforeAll
  static void stack(PoolerStack started) throws SQLException {
    stack = started;
    stack.adminQuery(Endpoint.TRANSACTION, "RECONNECT");
    try (Connection connection = stack.connect(Endpoint.DIRECT, new Properties());
        Statement statement = connection.createStatement()) {
      // its own schema: the other Boot tests migrate the public schema with Flyway
      statement.execute("CREATE SCHEMA IF NOT EXISTS isolation");
      statement.execute("CREATE TABLE IF NOT EXISTS isolation.note (id bigint PRIMARY KEY, level text)");
      statement.execute("TRUNCATE isolation.note");
    }
  }

  @DynamicPropertySource
  static void databaseUrls(DynamicPropertyRegistry registry) {
    registry.add("DATABASE_URL", () -> stack.url(Endpoint.SESSION));
    registry.add("WORKER_DATABASE_URL", () -> stack.url(Endpoint.TRANSACTION));
  }

  @Test
  void springJdbcTransactionsRunAtTheLevelAskedForAndLeaveNoLevelBehind() throws Exception {
    int wrong = mix(levels::serializableJdbc, levels::defaultJdbc, 260); // 8 x 260 = 2,080 transactions

    assertThat(wrong).isZero();
    assertThat(serverSessionDefaults()).containsOnly("read committed");
  }

  @Test
  void jpaTransactionsRunAtTheLevelAskedForAndLeaveNoLevelBehind() throws Exception {
    int wrong = mix(levels::serializableJpa, levels::defaultJpa, 60);

    assertThat(wrong).isZero();
    assertThat(serverSessionDefaults()).containsOnly("read committed");
  }

  /** Serializable and default transactions side by side; returns how many ran at another level than asked. */
  private static int mix(Supplier<String> serializable, Supplier<String> plain, int perThread) throws Exception {
    AtomicInteger wrong = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_KIND);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2 * THREADS_PER_KIND; t++) {
        boolean strict = t < THREADS_PER_KIND;
        done.add(threads.submit((Callable<Void>) () -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            String level = strict ? serializable.get() : plain.get();
            if (!level.equals(strict ? "serializable" : "read committed")) {
              wrong.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return wrong.get();
  }

  /** The session default each server connection of the transaction pooler shows a new client. */
  private static List<String> serverSessionDefaults() throws SQLException {
    return stack.onEveryTransactionServerConnection("SELECT current_setting('default_transaction_isolation')");
  }
}
