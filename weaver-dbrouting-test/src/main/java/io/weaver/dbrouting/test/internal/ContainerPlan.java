package io.weaver.dbrouting.test.internal;

import io.weaver.dbrouting.devstack.PoolerStack;
import java.util.List;
import java.util.Map;

/**
 * What the containers of {@link ContainerPoolers} run, as plain data: the same user, password, database, pool modes
 * and pool sizes as the devstack's local {@link PoolerStack}. PostgreSQL and both PgBouncers share one container
 * network; the PgBouncers reach PostgreSQL by its network alias.
 *
 * @param postgresImage PostgreSQL's image, pinned
 * @param postgresEnvironment the image's variables: user, password, database
 * @param postgresCommand the container's command
 * @param postgresAlias PostgreSQL's name on the container network
 * @param bouncers the session-mode PgBouncer, then the transaction-mode one
 */
record ContainerPlan(String postgresImage, Map<String, String> postgresEnvironment, List<String> postgresCommand,
    String postgresAlias, List<BouncerContainer> bouncers) {

  /** PostgreSQL's official image. */
  static final String POSTGRES_IMAGE = "postgres:17.6";
  /** A maintained PgBouncer image (github.com/edoburu/docker-pgbouncer); runs as a non-root user. */
  static final String PGBOUNCER_IMAGE = "edoburu/pgbouncer:v1.25.1-p0";
  static final int POSTGRES_PORT = 5432;
  static final int PGBOUNCER_PORT = 6432;
  static final String CONFIG_DIR = "/etc/weaver-pgbouncer";

  /**
   * One PgBouncer container.
   *
   * @param poolMode {@code session} or {@code transaction}
   * @param files file path in the container to its content: the configuration and the auth file
   * @param entrypoint the program and its configuration file (the image's own entrypoint script is bypassed)
   * @param port the port PgBouncer listens on in the container
   * @param defaultPoolSize its {@code default_pool_size}
   */
  record BouncerContainer(String poolMode, Map<String, String> files, List<String> entrypoint, int port,
      int defaultPoolSize) {
  }

  static ContainerPlan standard() {
    String alias = "postgres";
    return new ContainerPlan(POSTGRES_IMAGE,
        Map.of("POSTGRES_USER", PoolerStack.USER, "POSTGRES_PASSWORD", PoolerStack.PASSWORD,
            "POSTGRES_DB", PoolerStack.DATABASE),
        List.of("postgres", "-c", "fsync=off"),
        alias,
        List.of(bouncer("session", alias, PoolerStack.SESSION_MAX_CLIENT_CONN, PoolerStack.SESSION_MAX_CLIENT_CONN),
            bouncer("transaction", alias, PoolerStack.TRANSACTION_MAX_CLIENT_CONN,
                PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE)));
  }

  private static BouncerContainer bouncer(String poolMode, String postgresHost, int maxClientConn,
      int defaultPoolSize) {
    String ini = String.join("\n",
        "[databases]",
        PoolerStack.DATABASE + " = host=" + postgresHost + " port=" + POSTGRES_PORT + " dbname=" + PoolerStack.DATABASE,
        "",
        "[pgbouncer]",
        "listen_addr = 0.0.0.0",
        "listen_port = " + PGBOUNCER_PORT,
        "unix_socket_dir =",
        "auth_type = scram-sha-256",
        "auth_file = " + CONFIG_DIR + "/userlist.txt",
        "admin_users = " + PoolerStack.USER,
        "pool_mode = " + poolMode,
        "max_client_conn = " + maxClientConn,
        "default_pool_size = " + defaultPoolSize,
        "server_login_retry = 1",
        "");
    String userlist = quoted(PoolerStack.USER) + " " + quoted(PoolerStack.PASSWORD) + "\n";
    return new BouncerContainer(poolMode,
        Map.of(CONFIG_DIR + "/pgbouncer.ini", ini, CONFIG_DIR + "/userlist.txt", userlist),
        List.of("pgbouncer", CONFIG_DIR + "/pgbouncer.ini"), PGBOUNCER_PORT, defaultPoolSize);
  }

  /** An auth_file field: in double quotes, a double quote doubled. */
  private static String quoted(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  /** The transaction-mode PgBouncer. */
  BouncerContainer transaction() {
    return bouncers.get(1);
  }

  /** The session-mode PgBouncer. */
  BouncerContainer session() {
    return bouncers.get(0);
  }
}
