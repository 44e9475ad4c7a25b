package io.weaver.dbrouting.internal.connection;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * One pool's switch for server-side prepared statements: while it is off, every new connection gets
 * {@code prepareThreshold=0}; while it is on, the threshold the pool was configured with (or pgjdbc's default). A
 * first-use probe may turn it on once; a named-statement failure turns it off for good. Each change happens exactly
 * once however many threads ask, and existing connections are then replaced ({@link #onChange}).
 */
public final class StatementNaming {
  private static final String PREPARE_THRESHOLD = PGProperty.PREPARE_THRESHOLD.getName();

  private final AtomicBoolean named;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean fellBack;
  private final @Nullable String namedThreshold;
  private volatile @Nullable Runnable onChange;

  /**
   * @param named whether new connections name statements from the start
   * @param namedThreshold the {@code prepareThreshold} while on, or {@code null} for pgjdbc's default (5)
   */
  public StatementNaming(boolean named, @Nullable String namedThreshold) {
    this.named = new AtomicBoolean(named);
    this.namedThreshold = namedThreshold;
  }

  /** Runs after each change, e.g. HikariCP's soft eviction of the pool's connections. */
  public void onChange(Runnable action) {
    this.onChange = action;
  }

  /** True while new connections name statements. */
  public boolean named() {
    return named.get();
  }

  /** True once {@link #stop()} turned naming off after it had been on. */
  public boolean fellBack() {
    return fellBack;
  }

  /** Turns naming on unless it is on already or was stopped; true for the one call that turned it on. */
  public boolean start() {
    if (stopped.get() || !named.compareAndSet(false, true)) {
      return false;
    }
    if (stopped.get()) { // a stop raced in: it wins
      named.set(false);
      return false;
    }
    changed();
    return true;
  }

  /** Turns naming off for good (no later {@link #start()}); true for the one call that turned it off from on. */
  public boolean stop() {
    stopped.set(true);
    if (named.compareAndSet(true, false)) {
      fellBack = true;
      changed();
      return true;
    }
    return false;
  }

  /** Sets {@code prepareThreshold} in a copy of {@code properties} as the switch stands now. */
  Properties apply(Properties properties) {
    Properties connection = new Properties();
    connection.putAll(properties);
    if (!named.get()) {
      connection.setProperty(PREPARE_THRESHOLD, "0");
    } else if (namedThreshold == null) {
      connection.remove(PREPARE_THRESHOLD);
    } else {
      connection.setProperty(PREPARE_THRESHOLD, namedThreshold);
    }
    return connection;
  }

  private void changed() {
    Runnable action = onChange;
    if (action != null) {
      action.run();
    }
  }
}
