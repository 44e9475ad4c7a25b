package io.weaver.dbrouting.internal.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RolePlan;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the first-use pool mode check logs for each thing the probe can see, and that it runs once. */
class StartupModeCheckTests {
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger diagnostics = (Logger) LoggerFactory.getLogger("io.weaver.dbrouting.diagnostics");

  @BeforeEach
  void capture() {
    log.start();
    diagnostics.addAppender(log);
  }

  @AfterEach
  void release() {
    diagnostics.detachAppender(log);
  }

  private static RolePlan workerOnPort(int port) {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl("postgresql://u:p@db:5432/app")
        .workerDatabaseUrl("postgresql://u:p@db:" + port + "/app").build()) {
      return ds.plan(DbRole.WORKER);
    }
  }

  private static PoolerProbe.Result seen(PoolerProbe.Behaviour behaviour) {
    return new PoolerProbe.Result(PoolerProbe.Stop.NONE, "", 1, 1, "15", "in use", 0.5, true, behaviour,
        behaviour == PoolerProbe.Behaviour.KEEPS_SESSION ? PoolerProbe.NamedStatements.NOT_APPLICABLE
            : PoolerProbe.NamedStatements.LOST, null);
  }

  private List<String> lines(Level level) {
    return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aSessionKeepingEndpointUnderATransactionPoolIsAWarnWithTheFix() {
    new StartupModeCheck(workerOnPort(6543), () -> seen(PoolerProbe.Behaviour.KEEPS_SESSION)).check();

    assertThat(lines(Level.WARN)).singleElement().asString()
        .startsWith("weaver-worker - the endpoint db:6543/app keeps sessions but the pool runs in TRANSACTION mode")
        .contains("Fix: this endpoint keeps sessions").contains("WORKER_DATABASE_POOL_MODE=session");
  }

  @Test
  void aTransactionPoolingEndpointUnderASessionPoolIsAWarnWithTheFix() {
    new StartupModeCheck(workerOnPort(6432), () -> seen(PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS)).check();

    assertThat(lines(Level.WARN)).singleElement().asString()
        .startsWith("weaver-worker - the endpoint db:6432/app pools by transaction but the pool runs in SESSION mode")
        .contains("set WORKER_DATABASE_POOL_MODE=transaction");
  }

  @Test
  void anEndpointThatBehavesAsExpectedIsAnInfo() {
    new StartupModeCheck(workerOnPort(6543), () -> seen(PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS)).check();

    assertThat(lines(Level.WARN)).isEmpty();
    assertThat(lines(Level.INFO)).singleElement().asString()
        .isEqualTo("weaver-worker - pool mode check: the endpoint db:6543/app behaves as TRANSACTION mode expects");
  }

  @Test
  void aProbeThatCouldNotRunSaysWhy() {
    new StartupModeCheck(workerOnPort(6543), () -> new PoolerProbe.Result(PoolerProbe.Stop.TCP, "nothing listens", 1,
        0, null, null, 0, null, null, null, null)).check();

    assertThat(lines(Level.WARN)).singleElement().asString()
        .isEqualTo("weaver-worker - pool mode check could not run: nothing listens");
  }

  @Test
  void itRunsOnceAndAwaitingItEndsIt() {
    AtomicInteger probes = new AtomicInteger();
    StartupModeCheck check = new StartupModeCheck(workerOnPort(6543), () -> {
      probes.incrementAndGet();
      return seen(PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS);
    });
    check.startOnce();
    check.startOnce();
    check.awaitEnd();

    assertThat(probes).hasValue(1);
    StartupModeCheck never = new StartupModeCheck(workerOnPort(6543), () -> {
      probes.incrementAndGet();
      return seen(PoolerProbe.Behaviour.MOVES_BETWEEN_TRANSACTIONS);
    });
    never.awaitEnd();
    never.startOnce();
    assertThat(probes).as("a check that was awaited before it started never starts").hasValue(1);
  }
}
