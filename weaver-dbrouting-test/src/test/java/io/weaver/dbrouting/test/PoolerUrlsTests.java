package io.weaver.dbrouting.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class PoolerUrlsTests {

  private final PoolerUrls urls = new PoolerUrls("postgresql://u:s%40cret@127.0.0.1:1001/db",
      "postgresql://u:s%40cret@127.0.0.1:1002/db", "postgresql://u:s%40cret@127.0.0.1:1003/db");

  @Test
  void environmentNamesBothRolesAndTheWorkersMode() {
    assertThat(urls.environment()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "DATABASE_URL", urls.databaseUrl(), "WORKER_DATABASE_URL", urls.workerDatabaseUrl(),
        "WORKER_DATABASE_POOL_MODE", "transaction"));
  }

  @Test
  void systemPropertiesAddTheSpringKeys() {
    assertThat(urls.systemProperties()).hasSize(6).containsAllEntriesOf(urls.environment()).contains(
        entry("weaver.dbrouting.api.url", urls.databaseUrl()),
        entry("weaver.dbrouting.worker.url", urls.workerDatabaseUrl()),
        entry("weaver.dbrouting.worker.pool-mode", "transaction"));
  }

  @Test
  void toStringMasksEveryPassword() {
    assertThat(urls.toString()).doesNotContain("cret").isEqualTo("PoolerUrls[databaseUrl=postgresql://u:****@127.0.0.1:1001/db, "
        + "workerDatabaseUrl=postgresql://u:****@127.0.0.1:1002/db, directUrl=postgresql://u:****@127.0.0.1:1003/db]");
  }

  @Test
  void toStringKeepsAUrlWithoutPassword() {
    assertThat(new PoolerUrls("postgresql://h:1/db", "postgresql://u@h:2/db", "x").toString())
        .contains("postgresql://h:1/db", "postgresql://u@h:2/db");
  }
}
