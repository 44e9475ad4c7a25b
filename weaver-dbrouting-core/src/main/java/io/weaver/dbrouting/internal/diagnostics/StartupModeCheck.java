package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.RolePlan;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The doctor's pooling probe, run once in the background when a role's pool hands out its first connection; it logs a
 * WARN with the fix when the endpoint's observed pooling contradicts the role's mode, and an INFO otherwise.
 */
public final class StartupModeCheck {
  private static final Logger LOG = Loggers.DIAGNOSTICS;

  private final RolePlan plan;
  private final Supplier<PoolerProbe.Result> probe;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile @Nullable Thread thread;

  public StartupModeCheck(RolePlan plan, Supplier<PoolerProbe.Result> probe) {
    this.plan = plan;
    this.probe = probe;
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
      LOG.warn("{} - pool mode check could not run: {}", plan.poolName(), result.stopDetail());
      return;
    }
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
