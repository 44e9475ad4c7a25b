package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.internal.connection.StatementNaming;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The doctor's pooling probe, run once in the background when a role's pool hands out its first connection. With the
 * pool mode check on, it logs a WARN with the fix when the endpoint's observed pooling contradicts the role's mode, and
 * an INFO otherwise. On a transaction-mode pool whose prepared statements are {@code on} or {@code auto}, it logs
 * whether the probe saw the pooler keep named statements, and for {@code auto} turns them on when it did.
 */
public final class StartupModeCheck {
  private static final Logger LOG = Loggers.DIAGNOSTICS;

  /**
   * What the check covers besides the statements: the pool mode, when asked for.
   *
   * @param checkPoolMode whether to judge the pool mode
   * @param label the prepared statements setting as messages name it
   * @param naming the pool's statement naming switch
   */
  public record Statements(boolean checkPoolMode, String label, @Nullable StatementNaming naming) {
    /** The pool mode check alone. */
    public static final Statements NONE = new Statements(true, "", null);
  }

  private final RolePlan plan;
  private final Supplier<PoolerProbe.Result> probe;
  private final Statements statements;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile @Nullable Thread thread;

  /** The pool mode check alone. */
  public StartupModeCheck(RolePlan plan, Supplier<PoolerProbe.Result> probe) {
    this(plan, probe, Statements.NONE);
  }

  public StartupModeCheck(RolePlan plan, Supplier<PoolerProbe.Result> probe, Statements statements) {
    this.plan = plan;
    this.probe = probe;
    this.statements = statements;
  }

  /** Starts the check the first time it is called; later calls do nothing. */
  public void startOnce() {
    if (started.compareAndSet(false, true)) {
      Thread probe = new Thread(this::check, plan.poolName() + "-mode-check");
      probe.setDaemon(true);
      thread = probe;
      probe.start();
    }
  }

  /**
   * Returns once the check's thread, if it started, has ended; it is interrupted first. The probe's own timeouts (at
   * most a few seconds per step) bound the wait.
   */
  public void awaitEnd() {
    started.set(true); // a check that has not started will not start any more
    Thread probe = thread;
    if (probe == null) {
      return;
    }
    probe.interrupt();
    boolean interrupted = false;
    while (probe.isAlive()) {
      try {
        probe.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  void check() {
    PoolerProbe.Result result = probe.get();
    if (result.stop() != PoolerProbe.Stop.NONE) {
      LOG.warn("{} - pool mode check could not run: {}{}", plan.poolName(), result.stopDetail(),
          judgesStatements() && plan.preparedStatements() == PreparedStatements.AUTO
              ? "; server-side prepared statements stay off (" + statements.label() + "=auto)" : "");
      return;
    }
    if (statements.checkPoolMode()) {
      judgeMode(result);
    }
    if (judgesStatements()) {
      judgeStatements(result);
    }
  }

  private boolean judgesStatements() {
    return statements.naming() != null && plan.mode() == PoolMode.TRANSACTION
        && plan.preparedStatements() != PreparedStatements.OFF;
  }

  private void judgeStatements(PoolerProbe.Result result) {
    PoolerProbe.NamedStatements named = result.namedStatements();
    StatementNaming naming = Objects.requireNonNull(statements.naming(), "judged with a switch only");
    String seen = named == PoolerProbe.NamedStatements.KEPT
        ? "keep named statements from one server connection to the next"
        : named == PoolerProbe.NamedStatements.LOST ? "lose named statements between server connections"
        : named == PoolerProbe.NamedStatements.NOT_APPLICABLE ? "keep each client's server session"
        : "never move the probe to another server connection, so it could not tell";
    if (plan.preparedStatements() == PreparedStatements.AUTO) {
      if (named == PoolerProbe.NamedStatements.KEPT && naming.start()) {
        LOG.info("{} - server-side prepared statements turned on ({}=auto): the probe saw {} {}; new connections "
            + "name statements and the existing ones are replaced", plan.poolName(), statements.label(),
            plan.endpoint(), seen);
      } else {
        LOG.info("{} - server-side prepared statements stay off ({}=auto): the probe saw {} {}", plan.poolName(),
            statements.label(), plan.endpoint(), seen);
      }
    } else if (named == PoolerProbe.NamedStatements.KEPT || named == PoolerProbe.NamedStatements.NOT_APPLICABLE) {
      LOG.info("{} - server-side prepared statements on ({}=on), and safe: the probe saw {} {}", plan.poolName(),
          statements.label(), plan.endpoint(), seen);
    } else {
      LOG.warn("{} - server-side prepared statements on ({}=on), but no probe confirmed the pooler keeps them: it saw "
          + "{} {}. A lost statement fails with 'prepared statement \"S_n\" does not exist' (26000) or '... already "
          + "exists' (42P05); the pool then stops naming them. Fix: set {}=auto or off", plan.poolName(),
          statements.label(), plan.endpoint(), seen, statements.label());
    }
  }

  private void judgeMode(PoolerProbe.Result result) {
    String mismatch = ModeVerdict.mismatch(plan, result);
    if (mismatch != null) {
      LOG.warn("{} - the endpoint {} {} but the pool runs in {} mode ({}). Fix: {}", plan.poolName(), plan.endpoint(),
          ModeVerdict.observed(result),
          plan.mode(), plan.modeReason(), mismatch);
    } else {
      LOG.info("{} - pool mode check: the endpoint {} behaves as {} mode expects", plan.poolName(), plan.endpoint(),
          plan.mode());
    }
  }
}
