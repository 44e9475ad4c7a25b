package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RoleScope;
import io.weaver.dbrouting.spring.app.Documents;
import io.weaver.dbrouting.spring.app.RoutingTestApplication;
import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;
import io.weaver.dbrouting.stack.WithPoolerStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.aop.Advisor;
import org.springframework.core.Ordered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Boot application with only DATABASE_URL and WORKER_DATABASE_URL set, against the real PostgreSQL and the session-
 * and transaction-mode PgBouncers.
 */
@WithPoolerStack
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "management.endpoints.web.exposure.include=health,info,metrics",
        "management.endpoint.health.show-details=always",
        "DATABASE_POOL_SIZE=1", "DATABASE_MAX_OVERFLOW=2", "WORKER_DATABASE_POOL_SIZE=1",
        "WORKER_DATABASE_MAX_OVERFLOW=4", "weaver.dbrouting.worker.pool-mode=transaction"})
class SpringRoutingIT {
  private static PoolerStack stack;

  @Autowired Documents documents;
  @Autowired JdbcTemplate jdbc;
  @Autowired @WorkerDataSource JdbcTemplate workerJdbc;
  @Value("${local.server.port}") int port;

  @BeforeAll
  static void stack(PoolerStack started) {
    stack = started;
  }

  @DynamicPropertySource
  static void databaseUrls(DynamicPropertyRegistry registry) {
    registry.add("DATABASE_URL", () -> stack.url(Endpoint.SESSION));
    registry.add("WORKER_DATABASE_URL", () -> stack.url(Endpoint.TRANSACTION));
  }

  @Test
  void transactionalWorkerMethodRunsEveryStatementOnTheWorkerPoolAndRestoresTheRole() {
    Documents.Seen seen = documents.storeAsWorker("from a worker");

    assertThat(seen.role()).isEqualTo(DbRole.WORKER);
    assertThat(seen.applicationNames()).containsOnly("weaver-worker");
    assertThat(seen.sameBackend()).as("one transaction, one server connection").isTrue();
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
    assertThat(documents.count("from a worker")).isEqualTo(1);
  }

  @Test
  void roleAdviceIsOrderedBeforeTheTransactionInterceptor(@Autowired java.util.Map<String, Advisor> advisors) {
    int roleOrder = ((Ordered) advisors.get("useDbRoleAdvisor")).getOrder();
    Advisor transaction = advisors.values().stream()
        .filter(advisor -> advisor.getClass().getSimpleName().contains("TransactionAttributeSourceAdvisor"))
        .findFirst().orElseThrow();

    assertThat(roleOrder).isLessThan(((Ordered) transaction).getOrder());
  }

  @Test
  void transactionalMethodWithoutTheAnnotationRunsOnTheApiPool() {
    Documents.Seen seen = documents.storeAsApi("from the api");

    assertThat(seen.role()).isEqualTo(DbRole.API);
    assertThat(seen.applicationNames()).containsOnly("weaver-api");
  }

  @Test
  void aFailingWorkerTransactionRollsBackOnTheWorkerPoolAndRestoresTheRole() {
    assertThatThrownBy(documents::failAsWorker).hasMessage("worker failed");

    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
    assertThat(documents.count("rolled back")).isZero();
  }

  @Test
  void asyncWorkRunsAsTheWorkerRoleWhenAnnotatedOrSubmittedByWorkerCode() throws Exception {
    assertThat(documents.asyncAsWorker().get()).isEqualTo("weaver-worker");
    assertThat(documents.asyncAsCaller().get()).isEqualTo("weaver-api");
    assertThat(RoleScope.call(DbRole.WORKER, () -> documents.asyncAsCaller().get())).isEqualTo("weaver-worker");
  }

  @Test
  void qualifiedWorkerJdbcTemplateUsesTheWorkerPool() {
    assertThat(workerJdbc.queryForObject("SELECT current_setting('application_name')", String.class))
        .isEqualTo("weaver-worker");
    assertThat(jdbc.queryForObject("SELECT current_setting('application_name')", String.class))
        .isEqualTo("weaver-api");
  }

  @Test
  void flywayMigratedThroughTheApiPoolOnTheSessionEndpoint() {
    assertThat(jdbc.queryForObject("SELECT application_name FROM migration_runner", String.class))
        .isEqualTo("weaver-api");
  }

  @Test
  void healthShowsBothPools() throws Exception {
    String health = get("/actuator/health");

    assertThat(health).contains("\"status\":\"UP\"").contains("apiDataSource").contains("workerDataSource");
  }

  @Test
  void metricsAreTaggedByPoolName() throws Exception {
    assertThat(get("/actuator/metrics/hikaricp.connections.max?tag=pool:weaver-worker")).contains("\"value\":5.0");
    assertThat(get("/actuator/metrics/hikaricp.connections.max?tag=pool:weaver-api")).contains("\"value\":3.0");
  }

  @Test
  void infoShowsEachRolesPlanWithoutThePassword() throws Exception {
    String info = get("/actuator/info");

    assertThat(info).contains("\"dbrouting\"").contains("\"mode\":\"TRANSACTION\"").contains("\"mode\":\"SESSION\"")
        .contains("\"endpoint\":\"127.0.0.1:" + stack.port(Endpoint.TRANSACTION) + "/weaver\"");
    assertThat(info).doesNotContain(PoolerStack.PASSWORD).doesNotContain("p%40ss");
  }

  @Test
  void theApplicationsDataSourceIsTheRoleAwareOne(@Autowired javax.sql.DataSource dataSource) {
    assertThat(dataSource).isInstanceOf(RoleAwareDataSource.class);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }
}
