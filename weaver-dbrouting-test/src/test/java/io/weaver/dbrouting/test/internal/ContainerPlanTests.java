package io.weaver.dbrouting.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.devstack.PoolerStack;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * What the Testcontainers path configures, checked without starting a container (no Docker engine runs where these
 * tests run): images, variables, commands, ports, files, pool modes and sizes.
 */
class ContainerPlanTests {

  private final ContainerPlan plan = ContainerPlan.standard();

  @Test
  void imagesArePinnedToAVersion() {
    assertThat(plan.postgresImage()).isEqualTo("postgres:17.6");
    assertThat(ContainerPlan.PGBOUNCER_IMAGE).isEqualTo("edoburu/pgbouncer:v1.25.1-p0");
  }

  @Test
  void postgresGetsTheStacksLogin() {
    assertThat(plan.postgresEnvironment()).containsEntry("POSTGRES_USER", PoolerStack.USER)
        .containsEntry("POSTGRES_PASSWORD", PoolerStack.PASSWORD).containsEntry("POSTGRES_DB", PoolerStack.DATABASE);
    assertThat(plan.postgresCommand()).containsExactly("postgres", "-c", "fsync=off");
  }

  @Test
  void oneSessionAndOneTransactionPgbouncerWithTheLocalStacksPoolSizes() {
    assertThat(plan.bouncers()).extracting(ContainerPlan.BouncerContainer::poolMode)
        .containsExactly("session", "transaction");
    assertThat(plan.transaction().defaultPoolSize()).isEqualTo(PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE);
    assertThat(ini(plan.transaction())).contains("pool_mode = transaction\n",
        "default_pool_size = " + PoolerStack.TRANSACTION_DEFAULT_POOL_SIZE + "\n",
        "max_client_conn = " + PoolerStack.TRANSACTION_MAX_CLIENT_CONN + "\n");
    assertThat(ini(plan.session())).contains("pool_mode = session\n",
        "max_client_conn = " + PoolerStack.SESSION_MAX_CLIENT_CONN + "\n");
  }

  @Test
  void pgbouncersReachPostgresByItsNetworkAliasWithScram() {
    for (ContainerPlan.BouncerContainer bouncer : plan.bouncers()) {
      assertThat(ini(bouncer)).contains("weaver = host=postgres port=5432 dbname=weaver\n", "listen_addr = 0.0.0.0\n",
          "listen_port = 6432\n", "auth_type = scram-sha-256\n", "auth_file = /etc/weaver-pgbouncer/userlist.txt\n");
      assertThat(bouncer.files().get("/etc/weaver-pgbouncer/userlist.txt"))
          .isEqualTo("\"weaver\" \"" + PoolerStack.PASSWORD + "\"\n");
      assertThat(bouncer.entrypoint()).containsExactly("pgbouncer", "/etc/weaver-pgbouncer/pgbouncer.ini");
    }
    assertThat(plan.postgresAlias()).isEqualTo("postgres");
  }

  @Test
  void postgresContainerIsConfiguredFromThePlan() {
    try (Network network = Network.newNetwork(); GenericContainer<?> postgres = ContainerPoolers.postgres(plan, network)) {
      assertThat(postgres.getEnvMap()).isEqualTo(plan.postgresEnvironment());
      assertThat(postgres.getCommandParts()).containsExactly("postgres", "-c", "fsync=off");
      assertThat(postgres.getExposedPorts()).containsExactly(5432);
      assertThat(postgres.getNetworkAliases()).contains("postgres");
      assertThat(postgres.getNetwork()).isSameAs(network);
    }
  }

  @Test
  void pgbouncerContainerGetsItsPortAndNetwork() {
    try (Network network = Network.newNetwork();
        GenericContainer<?> bouncer = ContainerPoolers.bouncer(plan.transaction(), network)) {
      assertThat(bouncer.getExposedPorts()).containsExactly(6432);
      assertThat(bouncer.getNetwork()).isSameAs(network);
    }
  }

  private static String ini(ContainerPlan.BouncerContainer bouncer) {
    return bouncer.files().get("/etc/weaver-pgbouncer/pgbouncer.ini");
  }

}
