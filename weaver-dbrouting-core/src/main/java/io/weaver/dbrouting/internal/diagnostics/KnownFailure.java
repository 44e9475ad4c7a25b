package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RolePlan;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/** The pooler failures people search for, each with how to recognise it and what to change. */
public enum KnownFailure {
  NAMED_STATEMENT("a named server-side prepared statement met a pooler that moves clients between server connections",
      (state, message) -> (("26000".equals(state) || "42P05".equals(state)) && message.contains("prepared statement"))
          || ("08P01".equals(state) && message.contains("prepared statement \"s_")), // bound to another one's S_n
      (plan, names) -> plan.mode() == PoolMode.SESSION
          ? "this endpoint pools by transaction: set " + names.mode() + "=transaction (the pool then never names "
              + "statements), or point the role at a session-mode endpoint"
          : "the pool never names statements itself; look for SQL PREPARE, or PreparedStatement.getMetaData() "
              + "before the first execution on pgjdbc 42.7.8 or newer (use 42.7.7)"),
  SESSION_CLIENT_LIMIT("the session-mode pooler has no client slot left (Supabase gives one per pool_size, often 15)",
      (state, message) -> message.contains("maxclientsinsessionmode") || message.contains("emaxconnsession")
          || message.contains("max clients reached in session mode"),
      (plan, names) -> budgetFix(plan)),
  PGBOUNCER_CLIENT_LIMIT("PgBouncer refuses more clients (max_client_conn)",
      (state, message) -> message.contains("no more connections allowed (max_client_conn)"),
      (plan, names) -> budgetFix(plan) + ", or raise PgBouncer's max_client_conn"),
  TRANSACTION_CLIENT_LIMIT("the transaction-mode pooler refuses more clients",
      (state, message) -> message.contains("max client connections reached"),
      (plan, names) -> budgetFix(plan) + ", or move to a larger compute tier"),
  SERVER_CONNECTION_LIMIT("PostgreSQL has no connection slot left (max_connections)",
      (state, message) -> "53300".equals(state),
      (plan, names) -> "connect through the pooler instead of directly, or " + budgetFix(plan)),
  TENANT_NOT_FOUND("the pooler does not know this user or project",
      (state, message) -> message.contains("tenant or user not found"),
      (plan, names) -> "on Supabase's pooler the user is postgres.PROJECTREF and the host "
          + "aws-N-REGION.pooler.supabase.com; copy both from the dashboard's Connect dialog"),
  STARTUP_PARAMETER("the pooler refuses a parameter of the connection's startup packet",
      (state, message) -> message.contains("unsupported startup parameter"),
      (plan, names) -> "remove options or currentSchema from the URL and set them per database role with "
          + "ALTER ROLE ... SET, or list the parameter in PgBouncer's ignore_startup_parameters"),
  STALLED("the endpoint sent nothing for as long as socketTimeout allows, so the call failed and the connection closed",
      (state, message) -> message.contains("sockettimeoutexception: read timed out"),
      (plan, names) -> "if the pooler or network stalled (frozen or restarting pooler, full queue), nothing to "
          + "change: new calls get new connections; if the statement is legitimately slower than "
          + plan.socketTimeoutSeconds() + " s, raise the bound with socketTimeout=SECONDS (0 = none) in "
          + names.url()),
  AUTHENTICATION("the endpoint refuses the login",
      (state, message) -> "28P01".equals(state) || "28000".equals(state)
          || message.contains("password authentication failed") || message.contains("sasl authentication failed"),
      (plan, names) -> "check the user and password in " + names.url() + " (a password with reserved "
          + "characters such as @ : / ? # must be percent-encoded; on Supabase's pooler the user is "
          + "postgres.PROJECTREF)"),
  TLS("the TLS handshake with the endpoint failed",
      (state, message) -> message.contains("javax.net.ssl.") || message.contains("pkix path")
          || message.contains("server does not support ssl") || message.contains("certificate"),
      (plan, names) -> "with sslmode=verify-full or verify-ca, name the CA that signed the server's certificate "
          + "with sslrootcert=/path/to/ca.pem in " + names.url() + " (Supabase offers its CA in the dashboard); "
          + "sslmode=require encrypts without checking the certificate; a server without TLS needs sslmode=prefer "
          + "or disable"),
  UNREACHABLE("nothing answers at the endpoint",
      (state, message) -> message.contains("java.net.connectexception") || message.contains("unknownhostexception")
          || message.contains("noroutetohostexception") || message.contains("connect timed out"),
      (plan, names) -> "check the host and port in " + names.url() + ", that the pooler or database "
          + "runs, and that this machine may reach it (firewall; Supabase's direct db host needs IPv6, its pooler does "
          + "not)");

  private final String meaning;
  @SuppressWarnings("ImmutableEnumChecker") // stateless lambdas
  private final BiPredicate<@Nullable String, String> matcher;
  @SuppressWarnings("ImmutableEnumChecker") // stateless lambdas
  private final BiFunction<RolePlan, Names, String> fixer;

  /**
   * A known failure, how to recognise it and how to fix it.
   *
   * @param matcher SQLSTATE (may be null) and the lower-case exception class name, ": " and message to whether they
   *     show this failure
   * @param fixer the role's plan and the names of its settings to the fix
   */
  KnownFailure(String meaning, BiPredicate<@Nullable String, String> matcher, BiFunction<RolePlan, Names, String> fixer) {
    this.meaning = meaning;
    this.matcher = matcher;
    this.fixer = fixer;
  }

  /** What the failure means. */
  public String meaning() {
    return meaning;
  }

  boolean matches(@Nullable String sqlState, String lowerCaseMessage) {
    return matcher.test(sqlState, lowerCaseMessage);
  }

  String fix(RolePlan plan, Names names) {
    return fixer.apply(plan, names);
  }

  /** How a fix names the role's settings: as the user gave them (variable, property or builder method). */
  public record Names(String mode, String url) {}

  /** A known failure and the exception in the chain that shows it. */
  public record Match(KnownFailure failure, Throwable shownBy) {}

  /** The known failure behind {@code e} or anything in its cause and next-exception chain, or {@code null}. */
  public static @Nullable Match of(Throwable e) {
    Throwable current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      String message = (current.getClass().getName() + ": " + current.getMessage()).toLowerCase(Locale.ROOT);
      String sqlState = current instanceof SQLException sql ? sql.getSQLState() : null;
      for (KnownFailure failure : values()) {
        if (failure.matches(sqlState, message)) {
          return new Match(failure, current);
        }
      }
      if (current instanceof java.sql.BatchUpdateException) {
        current = ((SQLException) current).getNextException(); // its own message quotes bound values
        continue;
      }
      Throwable next = current instanceof SQLException sql ? sql.getNextException() : null;
      current = next != null ? next : current.getCause();
    }
    return null;
  }

  private static String budgetFix(RolePlan plan) {
    return "the " + plan.poolName() + " pool may open " + plan.maximumPoolSize() + " connections per process; lower "
        + "the pool size and overflow, use the transaction-mode endpoint for bursty work, or run fewer processes";
  }
}
