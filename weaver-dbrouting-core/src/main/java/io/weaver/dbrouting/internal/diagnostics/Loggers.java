package io.weaver.dbrouting.internal.diagnostics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's log categories, one per concern, under its public names: what was decided at start, and what went
 * wrong at run time with its fix.
 */
public final class Loggers {
  /** {@code io.weaver.dbrouting.RoleAwareDataSource}: modes, sizes, endpoints and budgets decided at start. */
  public static final Logger STARTUP = LoggerFactory.getLogger("io.weaver.dbrouting.RoleAwareDataSource");
  /** {@code io.weaver.dbrouting.diagnostics}: known failures explained, pool mode checks at first use. */
  public static final Logger DIAGNOSTICS = LoggerFactory.getLogger("io.weaver.dbrouting.diagnostics");

  private Loggers() {}
}
