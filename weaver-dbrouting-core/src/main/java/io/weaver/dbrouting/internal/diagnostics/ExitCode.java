package io.weaver.dbrouting.internal.diagnostics;

/**
 * The doctor's exit codes. With several findings the worst wins: {@link #FAILED}, then {@link #LOGIN_FAILED},
 * {@link #UNREACHABLE}, {@link #MISMATCH}.
 */
public enum ExitCode {
  OK(0),
  USAGE(2),
  MISMATCH(3),
  UNREACHABLE(4),
  LOGIN_FAILED(5),
  FAILED(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
