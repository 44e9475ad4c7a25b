package io.weaver.dbrouting;

import java.util.Objects;

/**
 * A setting that cannot be used as given. The message names the setting (an environment variable such as
 * {@code WORKER_DATABASE_URL}, or a builder method), the offending part, the rule and the fix, and never contains a
 * password.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * @param setting the environment variable or builder method that holds the bad value
   * @param message the whole message, already free of secrets
   */
  public InvalidSettingException(String setting, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.setting = Objects.requireNonNull(setting, "setting");
  }

  /** The environment variable or builder method whose value is wrong, e.g. {@code WORKER_DATABASE_URL}. */
  public String setting() {
    return setting;
  }
}
