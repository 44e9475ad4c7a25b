package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budget line at start: processes x maximumPoolSize per endpoint, against its client limit. */
@SuppressWarnings("try") // a data source is built for the lines it logs
class ConnectionBudgetTests {
  private static final String SUPABASE_SESSION =
      "postgresql://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:5432/postgres";
  private static final String SUPABASE_TRANSACTION =
      "postgresql://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres";

  private static List<String> build(Level level, String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    try (LogCapture logs = new LogCapture(); RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(env)) {
      return logs.messages(level).stream().filter(m -> m.contains("connection budget")).toList();
    }
  }

  @Test
  void supabasesSessionPoolerIsAssumedToTake15ClientsAndTheDefaultApiPoolIsOverIt() {
    List<String> warnings = build(Level.WARN, "DATABASE_URL", SUPABASE_SESSION, "WORKER_DATABASE_URL",
        SUPABASE_TRANSACTION);

    assertThat(warnings).containsExactly("weaver-api - connection budget for "
        + "aws-0-eu-west-1.pooler.supabase.com:5432/postgres: 1 process x 60 (weaver-api) = 60 of 15 (assumed for "
        + "Supabase's session pooler; set DATABASE_CLIENT_LIMIT if yours differs): under load clients beyond 15 are "
        + "refused or wait. Fix: lower DATABASE_POOL_SIZE / DATABASE_MAX_OVERFLOW so that the total fits, move bursty "
        + "work to the transaction-mode endpoint (the worker role, Supabase port 6543), or run fewer processes "
        + "(DATABASE_PROCESSES)");
  }

  @Test
  void withinTheLimitTheLineIsInfo() {
    List<String> info = build(Level.INFO, "DATABASE_URL", SUPABASE_SESSION, "WORKER_DATABASE_URL",
        SUPABASE_TRANSACTION, "DATABASE_POOL_SIZE", "2", "DATABASE_MAX_OVERFLOW", "3", "DATABASE_PROCESSES", "3");

    assertThat(info).contains("weaver-api - connection budget for aws-0-eu-west-1.pooler.supabase.com:5432/postgres: "
        + "3 processes x 5 (weaver-api) = 15 of 15 (assumed for Supabase's session pooler; set DATABASE_CLIENT_LIMIT "
        + "if yours differs)");
    assertThat(info).anySatisfy(line -> assertThat(line).startsWith("weaver-worker - connection budget for "
        + "aws-0-eu-west-1.pooler.supabase.com:6543/postgres: 1 process x 15 (weaver-worker) = 15 clients (client "
        + "limit unknown; set WORKER_DATABASE_CLIENT_LIMIT to check it)"));
  }

  @Test
  void aFallbackWorkerAddsUpWithTheApiOnTheirSharedEndpoint() {
    List<String> warnings = build(Level.WARN, "DATABASE_URL", "postgresql://u:p@bouncer:6432/app",
        "DATABASE_CLIENT_LIMIT", "50", "DATABASE_PROCESSES", "2", "WORKER_DATABASE_PROCESSES", "4");

    assertThat(warnings).singleElement().asString().contains(
        "2 processes x 60 (weaver-api) + 4 processes x 15 (weaver-worker) = 180 of 50 (DATABASE_CLIENT_LIMIT)");
  }

  @Test
  void planCarriesTheFigures() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SUPABASE_SESSION)
        .processes(DbRole.API, 2).clientLimit(DbRole.WORKER, 40).build()) {
      assertThat(ds.plan(DbRole.API).processes()).isEqualTo(2);
      assertThat(ds.plan(DbRole.API).clientBudget()).isEqualTo(120);
      assertThat(ds.plan(DbRole.API).clientLimit()).as("a given limit wins over the assumed 15").hasValue(40);
      assertThat(ds.plan(DbRole.WORKER).clientLimit()).hasValue(40);
    }
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl(SUPABASE_SESSION).build()) {
      assertThat(ds.plan(DbRole.WORKER).clientLimit()).hasValue(15);
    }
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl("postgresql://u:p@db:5432/app").build()) {
      assertThat(ds.plan(DbRole.API).clientLimit()).isEmpty();
    }
  }
}
