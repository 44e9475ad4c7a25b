package io.weaver.dbrouting;

import java.util.Objects;

/**
 * A setting that cannot be used as given. It names the setting (an environment variable such as
 * {@code WORKER_DATABASE_URL}, a configuration property, or a builder method), the problem with the offending part, the
 * rule and the fix, each as an accessor and together as the message {@code SETTING: problem; rule. Fix: fix.} None of
 * them contains a password.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String problem;
  private final String rule;
  private final String fix;

  /**
   * A setting error from its parts.
   *
   * @param setting the environment variable, property or builder method that holds the bad value
   * @param problem what is wrong with which part, free of secrets
   * @param rule what a valid value looks like
   * @param fix what to change
   */
  public InvalidSettingException(String setting, String problem, String rule, String fix) {
    super(message(setting, problem, rule, fix));
    this.setting = setting;
    this.problem = problem;
    this.rule = rule;
    this.fix = fix;
  }

  private static String message(String setting, String problem, String rule, String fix) {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(fix, "fix");
    return setting + ": " + problem + "; " + rule + ". Fix: " + fix + (fix.endsWith(".") ? "" : ".");
  }

  /** The environment variable, property or builder method whose value is wrong, e.g. {@code WORKER_DATABASE_URL}. */
  public String setting() {
    return setting;
  }

  /** What is wrong, e.g. {@code the port after the host is not a number}. */
  public String problem() {
    return problem;
  }

  /** What a valid value looks like, e.g. {@code a port is a number from 1 to 65535}. */
  public String rule() {
    return rule;
  }

  /** What to change, e.g. {@code write the port as digits, e.g. 5432}. */
  public String fix() {
    return fix;
  }
}
