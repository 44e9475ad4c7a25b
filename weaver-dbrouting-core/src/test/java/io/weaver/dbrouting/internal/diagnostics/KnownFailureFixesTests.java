package io.weaver.dbrouting.internal.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RolePlan;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How each known failure is recognised, and the fix it gives for the role it happened on. */
class KnownFailureFixesTests {
  private static RoleAwareDataSource session;
  private static RoleAwareDataSource separate;

  @BeforeAll
  static void buildPlans() {
    session = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", "postgresql://app:pw@db.example.com:5432/app",
        "DATABASE_POOL_SIZE", "4", "DATABASE_MAX_OVERFLOW", "3", "WORKER_DATABASE_POOL_MODE", "transaction"));
    separate = RoleAwareDataSource.fromEnvironment(Map.of("DATABASE_URL", "postgresql://app:pw@db.example.com:5432/app",
        "WORKER_DATABASE_URL", "postgresql://app:pw@db.example.com:6543/app"));
  }

  @AfterAll
  static void close() {
    session.close();
    separate.close();
  }

  private static RolePlan api() {
    return session.plan(DbRole.API);
  }

  private static String fixFor(Throwable e, RolePlan plan) {
    KnownFailure.Match match = KnownFailure.of(e);
    assertThat(match).as("a known failure").isNotNull();
    return match.failure().fix(plan, new KnownFailure.Names("DATABASE_POOL_MODE", "DATABASE_URL"));
  }

  @Test
  void aNamedStatementOnASessionPoolPointsAtTheModeSetting() {
    SQLException e = new SQLException("ERROR: prepared statement \"S_1\" does not exist", "26000");

    assertThat(fixFor(e, api())).startsWith("this endpoint pools by transaction: set DATABASE_POOL_MODE=transaction");
    assertThat(fixFor(e, session.plan(DbRole.WORKER))).startsWith("the pool never names statements itself")
        .contains("use 42.7.7");
  }

  @Test
  void aPreparedStatementMessageNeedsItsSqlState() {
    assertThat(KnownFailure.of(new SQLException("ERROR: prepared statement \"S_1\" does not exist", "XX000")))
        .isNull();
    assertThat(KnownFailure.of(new SQLException("ERROR: something else", "26000"))).isNull();
  }

  @Test
  void clientLimitFixesGiveThePoolsSizeAndWhatElseToChange() {
    String budget = "the weaver-api pool may open 7 connections per process; lower the pool size and overflow";

    assertThat(fixFor(new SQLException("FATAL: MaxClientsInSessionMode: max clients reached"), api()))
        .startsWith(budget).endsWith("or run fewer processes");
    assertThat(fixFor(new SQLException("FATAL: no more connections allowed (max_client_conn)"), api()))
        .startsWith(budget).endsWith(", or raise PgBouncer's max_client_conn");
    assertThat(fixFor(new SQLException("FATAL: Max client connections reached"), api()))
        .startsWith(budget).endsWith(", or move to a larger compute tier");
    assertThat(fixFor(new SQLException("FATAL: sorry, too many clients already", "53300"), api()))
        .isEqualTo("connect through the pooler instead of directly, or " + budget
            + ", use the transaction-mode endpoint for bursty work, or run fewer processes");
  }

  @Test
  void eachFailureHasItsOwnFix() {
    assertThat(fixFor(new SQLException("FATAL: Tenant or user not found"), api()))
        .contains("the user is postgres.PROJECTREF");
    assertThat(fixFor(new SQLException("FATAL: unsupported startup parameter: options"), api()))
        .contains("ignore_startup_parameters");
    assertThat(fixFor(new SQLException("x", "08006", new SocketTimeoutException("Read timed out")), api()))
        .contains("slower than 300 s, raise the bound with socketTimeout=SECONDS (0 = none) in DATABASE_URL");
  }

  /** A worker on its own URL is told to fix WORKER_DATABASE_URL; a worker that fell back, DATABASE_URL. */
  @Test
  void fixesNameTheUrlSettingAsTheUserGaveIt() {
    SQLException login = new SQLException("FATAL: password authentication failed for user \"app\"", "28P01");
    KnownFailure.Names property = new KnownFailure.Names("weaver.dbrouting.worker.pool-mode", "weaver.dbrouting.worker.url");

    assertThat(KnownFailure.AUTHENTICATION.fix(separate.plan(DbRole.WORKER), property))
        .startsWith("check the user and password in weaver.dbrouting.worker.url");
    assertThat(fixFor(login, separate.plan(DbRole.API))).startsWith("check the user and password in DATABASE_URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"28P01", "28000"})
  void authenticationIsRecognisedBySqlStateAlone(String state) {
    assertThat(KnownFailure.of(new SQLException("refused", state)).failure()).isEqualTo(KnownFailure.AUTHENTICATION);
  }

  @Test
  void authenticationIsRecognisedByMessage() {
    assertThat(KnownFailure.of(new SQLException("FATAL: SASL authentication failed")).failure())
        .isEqualTo(KnownFailure.AUTHENTICATION);
    assertThat(KnownFailure.of(new SQLException("FATAL: password authentication failed for user")).failure())
        .isEqualTo(KnownFailure.AUTHENTICATION);
  }

  @Test
  void tlsFailuresAreRecognisedByExceptionAndMessage() {
    assertThat(KnownFailure.of(new SQLException("x", new SSLHandshakeException("PKIX path building failed")))
        .failure()).isEqualTo(KnownFailure.TLS);
    assertThat(KnownFailure.of(new SQLException("The server does not support SSL.")).failure())
        .isEqualTo(KnownFailure.TLS);
    assertThat(KnownFailure.of(new SQLException("x", new IOException("bad certificate"))).failure())
        .isEqualTo(KnownFailure.TLS);
    assertThat(fixFor(new SQLException("The server does not support SSL."), api()))
        .contains("sslrootcert=/path/to/ca.pem in DATABASE_URL");
  }

  @Test
  void unreachableEndpointsAreRecognisedByTheExceptionThatSaysSo() {
    for (Throwable cause : new Throwable[] {new ConnectException("Connection refused"),
        new UnknownHostException("db.example.com"), new java.net.NoRouteToHostException("no route"),
        new SocketTimeoutException("connect timed out")}) {
      assertThat(KnownFailure.of(new SQLException("The connection attempt failed.", "08001", cause)).failure())
          .as(cause.toString()).isEqualTo(KnownFailure.UNREACHABLE);
    }
    assertThat(fixFor(new SQLException("x", new ConnectException("refused")), api()))
        .startsWith("check the host and port in DATABASE_URL");
  }

  @Test
  void theMatchNamesTheExceptionThatShowsTheFailure() {
    SQLException root = new SQLException("FATAL: Tenant or user not found", "XX000");
    SQLException wrapper = new SQLException("wrapped", "08001", root);

    assertThat(KnownFailure.of(wrapper).shownBy()).isSameAs(root);
    assertThat(KnownFailure.TENANT_NOT_FOUND.meaning()).isEqualTo("the pooler does not know this user or project");
  }

  @Test
  void nextExceptionsAreFollowedBeforeCauses() {
    SQLException first = new SQLException("batch entry failed", "XX000", new SQLException("unrelated"));
    SQLException next = new SQLException("FATAL: Max client connections reached", "XX000");
    first.setNextException(next);

    assertThat(KnownFailure.of(first).shownBy()).isSameAs(next);
  }

  /** A batch's cause may quote the statement and its bound values: only the server error behind it is matched. */
  @Test
  void aBatchIsMatchedByTheServerErrorBehindItNotItsCause() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert ... was aborted", "XX000", 0,
        new int[0], new SQLException("FATAL: Tenant or user not found"));
    assertThat(KnownFailure.of(batch)).as("no next exception, nothing to match").isNull();

    SQLException server = new SQLException("FATAL: Tenant or user not found", "XX000");
    BatchUpdateException withServerError = new BatchUpdateException("Batch entry 0 insert ... was aborted",
        "XX000", new int[0]);
    withServerError.setNextException(server);
    assertThat(KnownFailure.of(withServerError).shownBy()).isSameAs(server);
  }

  @Test
  void aChainIsFollowedTenLevelsDeepAndNoFurther() {
    Function<Integer, Throwable> chain = depth -> {
      Throwable e = new SQLException("FATAL: Tenant or user not found");
      for (int i = 1; i < depth; i++) {
        e = new RuntimeException("level " + i, e);
      }
      return e;
    };

    assertThat(KnownFailure.of(chain.apply(10))).isNotNull();
    assertThat(KnownFailure.of(chain.apply(11))).isNull();
  }
}
