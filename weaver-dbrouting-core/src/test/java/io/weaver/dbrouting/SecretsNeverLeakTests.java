package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.weaver.dbrouting.SecretUrls.Case;
import io.weaver.dbrouting.SecretUrls.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.slf4j.LoggerFactory;

/**
 * No five characters in a row of a password or {@code sslpassword} reach anything the library says about a
 * connection string, whatever surrounds them: the {@link InvalidSettingException} (and its causes) for a refused
 * string; {@link DatabaseUrl#toString()}, {@link DatabaseUrl#endpoint()} and {@link DatabaseUrl#jdbcUrl()} for an
 * accepted one; the built {@link RoleAwareDataSource}'s {@code toString()}, its plans and every log line written while
 * building it; and, connecting to a closed port, the exceptions and the log records of HikariCP and pgjdbc (at level
 * ALL).
 *
 * <p>The cases come from {@link SecretUrls} with a fixed seed (override with {@code -Dweaver.leak.seed=N}); the secrets
 * are made so that a piece found in an output can only have come from the secret. Strings are plain JUnit loops over
 * a seeded {@link java.util.Random}: a failure names the seed and the connection strings that leaked.
 */
class SecretsNeverLeakTests {
  private static final long SEED = Long.getLong("weaver.leak.seed", 20_261_130L);
  private static final int CASES = 12_000;
  private static final int CONNECTING_CASES = 300;
  private static final Set<Kind> PASSWORDS = EnumSet.of(Kind.USERINFO, Kind.PASSWORD_PARAMETER, Kind.JDBC_PASSWORD);
  /** The API role's string when the one under test is the worker's. */
  private static final String OTHER_URL = "postgresql://app:pw@db.example.com:5432/app";
  private static final int SHOWN_LEAKS = 15;

  @Test
  void noPieceOfASecretReachesMessagesToStringsPlansOrBuildLogs(TestReporter reporter) {
    SecretUrls urls = new SecretUrls(SEED, 0);
    Findings findings = new Findings();
    int parsed = 0;
    int built = 0;
    try (LogLines logs = new LogLines()) {
      for (int i = 0; i < CASES; i++) {
        Case c = urls.next(EnumSet.allOf(Kind.class));
        List<String> outputs = new ArrayList<>();
        try {
          DatabaseUrl url = DatabaseUrl.parse(c.url());
          outputs.addAll(List.of(url.toString(), url.endpoint(), url.jdbcUrl()));
          parsed++;
        } catch (RuntimeException e) {
          findings.refused(c, e, outputs);
        }
        logs.clear();
        Map<String, String> env = environment(c, i);
        try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(env)) {
          outputs.add(ds.toString());
          for (DbRole role : DbRole.values()) {
            RolePlan plan = ds.plan(role);
            outputs.addAll(List.of(plan.toString(), plan.endpoint(), plan.modeReason(), plan.applicationName()));
          }
          built++;
        } catch (RuntimeException e) {
          findings.refused(c, e, outputs);
        }
        outputs.addAll(logs.lines());
        findings.check(c, outputs);
      }
    }
    String summary = CASES + " connection strings (seed " + SEED + "): " + parsed + " parsed, " + (CASES - parsed)
        + " refused by the parser; " + built + " built a data source, " + (CASES - built) + " refused";
    report(reporter, "secrets around known parts", summary);
    findings.assertNone(summary);
  }

  @Test
  void noPieceOfAPasswordReachesPgjdbcOrHikariWhileConnecting(TestReporter reporter) throws Exception {
    connectToAClosedPort(PASSWORDS, reporter);
  }

  @Test
  void noPieceOfAnSslpasswordReachesPgjdbcOrHikariWhileConnecting(TestReporter reporter) throws Exception {
    connectToAClosedPort(EnumSet.of(Kind.SSLPASSWORD), reporter);
  }

  /** Builds data sources from accepted strings on a closed local port and lets each try to connect once. */
  private static void connectToAClosedPort(Set<Kind> kinds, TestReporter reporter) throws Exception {
    SecretUrls urls = new SecretUrls(SEED + kinds.hashCode(), closedPort());
    List<Case> sample = new ArrayList<>();
    int tried = 0;
    while (sample.size() < CONNECTING_CASES) {
      Case c = urls.next(kinds);
      try {
        build(c, tried++).close();
        sample.add(c);
      } catch (InvalidSettingException e) {
        // refused strings are the other test's business
      }
    }
    Findings findings = new Findings();
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try (LogLines logs = new LogLines(); PgjdbcLog pgjdbc = new PgjdbcLog()) {
      List<Future<List<String>>> attempts = new ArrayList<>();
      for (int i = 0; i < sample.size(); i++) {
        Case c = sample.get(i);
        int index = i;
        attempts.add(callers.submit(() -> connectOnce(c, index)));
      }
      for (int i = 0; i < sample.size(); i++) {
        findings.check(sample.get(i), attempts.get(i).get());
      }
      // log records of all attempts interleave: each is checked against every secret of the sample
      Collection<String> driverLog = pgjdbc.records();
      List<String> lines = new ArrayList<>(logs.lines());
      lines.addAll(driverLog);
      for (Case c : sample) {
        findings.check(c, lines);
      }
      String summary = sample.size() + " of " + tried + " generated " + kinds + " strings (seed " + SEED
          + ") built a data source and connected to a closed port; " + driverLog.size() + " pgjdbc log records, "
          + logs.lines().size() + " other log lines";
      report(reporter, "connecting " + kinds, summary);
      assertThat(driverLog).as("pgjdbc logged while connecting").isNotEmpty();
      findings.assertNone(summary);
    } finally {
      callers.shutdownNow();
    }
  }

  private static List<String> connectOnce(Case c, int index) {
    List<String> outputs = new ArrayList<>();
    DbRole role = index % 3 == 2 ? DbRole.WORKER : DbRole.API;
    RoleScope scope = RoleScope.enter(role);
    try (RoleAwareDataSource ds = build(c, index); Connection connection = ds.getConnection()) {
      outputs.add("connected to a closed port: " + connection);
    } catch (SQLException | RuntimeException e) {
      outputs.addAll(messages(e));
    } finally {
      scope.close();
    }
    return outputs;
  }

  /** Builds {@code c} into a data source that gives up a connection attempt after HikariCP's shortest wait. */
  private static RoleAwareDataSource build(Case c, int index) {
    return RoleAwareDataSource.builder().environment(environment(c, index))
        .customizeHikari(DbRole.API, SecretsNeverLeakTests::failFast)
        .customizeHikari(DbRole.WORKER, SecretsNeverLeakTests::failFast)
        .build();
  }

  private static void failFast(com.zaxxer.hikari.HikariConfig config) {
    config.setConnectionTimeout(250);
    config.setInitializationFailTimeout(-1);
  }

  /** Every third string goes to the worker role, every other one to a transaction-mode pool. */
  private static Map<String, String> environment(Case c, int index) {
    Map<String, String> env = new HashMap<>();
    if (index % 3 == 2) {
      env.put("DATABASE_URL", OTHER_URL);
      env.put("WORKER_DATABASE_URL", c.url());
    } else {
      env.put("DATABASE_URL", c.url());
    }
    if (index % 2 == 1) {
      env.put(index % 3 == 2 ? "WORKER_DATABASE_POOL_MODE" : "DATABASE_POOL_MODE", "transaction");
    }
    return env;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static List<String> messages(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      messages.add(String.valueOf(t));
      for (Throwable suppressed : t.getSuppressed()) {
        messages.addAll(messages(suppressed));
      }
    }
    return messages;
  }

  private static void report(TestReporter reporter, String key, String summary) {
    System.out.println(SecretsNeverLeakTests.class.getSimpleName() + ": " + summary);
    reporter.publishEntry(key, summary);
  }

  /** Leaks and unexpected exceptions found so far. */
  private static final class Findings {
    private final List<String> shown = new ArrayList<>();
    private int leaks;
    private int unexpected;

    void refused(Case c, RuntimeException e, List<String> outputs) {
      if (!(e instanceof InvalidSettingException)) {
        unexpected++;
        if (shown.size() < SHOWN_LEAKS) {
          shown.add("threw " + e + " for " + c.url());
        }
      }
      outputs.addAll(messages(e));
    }

    void check(Case c, List<String> outputs) {
      for (String output : outputs) {
        String piece = c.pieceIn(output);
        if (piece != null) {
          leaks++;
          if (shown.size() < SHOWN_LEAKS) {
            shown.add(c.kind() + " secret " + c.secret() + " in " + c.url() + "\n      piece \"" + piece + "\" in: "
                + output);
          }
          return;
        }
      }
    }

    void assertNone(String summary) {
      assertThat(shown).as("%s; %d leaking strings and %d unexpected exceptions, the first ones", summary, leaks,
          unexpected).isEmpty();
    }
  }

  /** Every log line (formatted, with its exceptions) written through SLF4J while open, from any logger. */
  private static final class LogLines implements AutoCloseable {
    private static final List<String> LOUD = List.of("io.weaver", "com.zaxxer.hikari");
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> levels = new HashMap<>();
    /** Thousands of expected WARN lines would flood the console; the file log keeps them. */
    private final Appender<ILoggingEvent> console;

    LogLines() {
      for (String name : LOUD) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        levels.put(name, logger.getLevel());
        logger.setLevel(Level.TRACE);
      }
      console = root.getAppender("CONSOLE");
      if (console != null) {
        root.detachAppender(console);
      }
      appender.start();
      root.addAppender(appender);
    }

    List<String> lines() {
      List<String> lines = new ArrayList<>();
      synchronized (appender) {
        for (ILoggingEvent event : appender.list) {
          StringBuilder line = new StringBuilder(event.getFormattedMessage());
          for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
          }
          lines.add(line.toString());
        }
      }
      return lines;
    }

    void clear() {
      synchronized (appender) {
        appender.list.clear();
      }
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      appender.stop();
      if (console != null) {
        root.addAppender(console);
      }
      levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
  }

  /** pgjdbc's java.util.logging records at level ALL: message, its parameters formatted in, and exceptions. */
  private static final class PgjdbcLog extends Handler implements AutoCloseable {
    private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.postgresql");
    private final java.util.logging.Level level = logger.getLevel();
    private final boolean parentHandlers = logger.getUseParentHandlers();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Collection<String> records = new ConcurrentLinkedQueue<>();

    PgjdbcLog() {
      setLevel(java.util.logging.Level.ALL);
      logger.setLevel(java.util.logging.Level.ALL);
      logger.setUseParentHandlers(false);
      logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
      StringBuilder line = new StringBuilder(formatter.formatMessage(record));
      Object[] parameters = record.getParameters();
      if (parameters != null) {
        for (Object parameter : parameters) {
          line.append(" | ").append(parameter);
        }
      }
      if (record.getThrown() != null) {
        messages(record.getThrown()).forEach(message -> line.append(" | ").append(message));
      }
      records.add(line.toString());
    }

    Collection<String> records() {
      return records;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setLevel(level);
      logger.setUseParentHandlers(parentHandlers);
    }
  }
}
