package io.weaver.dbrouting;

/**
 * The kind of work a connection is for; each role has its own pool.
 *
 * <p>{@link #API} is the default for any thread that has not entered a {@link RoleScope}.
 */
public enum DbRole {
  /** Interactive traffic on {@code DATABASE_URL}, usually a session-mode pooler endpoint. */
  API("weaver-api"),
  /** Background work on {@code WORKER_DATABASE_URL} (else {@code DATABASE_URL}), usually transaction mode. */
  WORKER("weaver-worker");

  private final String poolName;

  DbRole(String poolName) {
    this.poolName = poolName;
  }

  /** The HikariCP pool name of this role, also the prefix of its log lines: {@code weaver-api}, {@code weaver-worker}. */
  public String poolName() {
    return poolName;
  }
}
