package io.weaver.dbrouting.test.internal;

import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.test.PoolerUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and both PgBouncers in containers, as {@link ContainerPlan} says; for machines without PgBouncer where a
 * Docker engine runs. Only loaded when Testcontainers is on the class path. Testcontainers' own reaper removes the
 * containers when the JVM dies.
 */
final class ContainerPoolers implements Poolers {

  private static final int READY_LOG_LINES = 2; // the image's init run, then the real start

  private final Network network;
  private final GenericContainer<?> postgres;
  private final GenericContainer<?> session;
  private final GenericContainer<?> transaction;
  private final ContainerPlan plan;

  private ContainerPoolers(ContainerPlan plan) {
    this.plan = plan;
    this.network = Network.newNetwork();
    this.postgres = postgres(plan, network);
    this.session = bouncer(plan.session(), network);
    this.transaction = bouncer(plan.transaction(), network);
  }

  /** Whether a Docker engine answers Testcontainers. */
  static boolean dockerRuns() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static ContainerPoolers start(ContainerPlan plan) {
    ContainerPoolers poolers = new ContainerPoolers(plan);
    boolean started = false;
    try {
      poolers.postgres.start();
      poolers.session.start();
      poolers.transaction.start();
      started = true;
      return poolers;
    } finally {
      if (!started) {
        poolers.close();
      }
    }
  }

  /** The PostgreSQL container, configured and not started. */
  static GenericContainer<?> postgres(ContainerPlan plan, Network network) {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(plan.postgresImage()));
    plan.postgresEnvironment().forEach(container::withEnv);
    return container.withCommand(plan.postgresCommand().toArray(String[]::new))
        .withNetwork(network)
        .withNetworkAliases(plan.postgresAlias())
        .withExposedPorts(ContainerPlan.POSTGRES_PORT)
        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", READY_LOG_LINES));
  }

  /** A PgBouncer container, configured and not started. */
  static GenericContainer<?> bouncer(ContainerPlan.BouncerContainer bouncer, Network network) {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(ContainerPlan.PGBOUNCER_IMAGE));
    for (Map.Entry<String, String> file : bouncer.files().entrySet()) {
      container.withCopyToContainer(Transferable.of(file.getValue(), 0644), file.getKey());
    }
    List<String> entrypoint = new ArrayList<>(bouncer.entrypoint());
    return container.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(entrypoint))
        .withNetwork(network)
        .withExposedPorts(bouncer.port())
        .waitingFor(Wait.forListeningPort());
  }

  @Override
  public PoolerUrls urls() {
    return new PoolerUrls(url(session, ContainerPlan.PGBOUNCER_PORT), url(transaction, ContainerPlan.PGBOUNCER_PORT),
        url(postgres, ContainerPlan.POSTGRES_PORT));
  }

  @Override
  public int transactionPoolSize() {
    return plan.transaction().defaultPoolSize();
  }

  @Override
  public Connection connectTransaction(Properties extra) throws SQLException {
    Properties properties = PoolerStack.credentials();
    properties.putAll(extra);
    return DriverManager.getConnection("jdbc:postgresql://" + transaction.getHost() + ":"
        + transaction.getMappedPort(ContainerPlan.PGBOUNCER_PORT) + "/" + PoolerStack.DATABASE, properties);
  }

  @Override
  public String description() {
    return "PostgreSQL (" + plan.postgresImage() + ") and PgBouncer (" + ContainerPlan.PGBOUNCER_IMAGE
        + ") in containers: session on " + session.getHost() + ":" + session.getMappedPort(ContainerPlan.PGBOUNCER_PORT)
        + ", transaction on " + transaction.getHost() + ":" + transaction.getMappedPort(ContainerPlan.PGBOUNCER_PORT);
  }

  @Override
  public void close() {
    transaction.stop();
    session.stop();
    postgres.stop();
    network.close();
  }

  private static String url(GenericContainer<?> container, int port) {
    return PoolerStack.loginUrl(container.getHost(), container.getMappedPort(port));
  }
}
