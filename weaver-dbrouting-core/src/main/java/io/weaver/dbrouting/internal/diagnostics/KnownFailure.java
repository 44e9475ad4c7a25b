package io.weaver.dbrouting.internal.diagnostics;

import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RolePlan;
import java.sql.SQLException;
import java.util.Locale;

/** The pooler failures people search for, each with how to recognise it and what to change. */
public enum KnownFailure {
  NAMED_STATEMENT("a named server-side prepared statement met a pooler that moves clients between server connections") {
    @Override
    boolean matches(String sqlState, String message) {
      return ("26000".equals(sqlState) || "42P05".equals(sqlState)) && message.contains("prepared statement");
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return plan.mode() == PoolMode.SESSION
          ? "this endpoint pools by transaction: set " + modeSetting + "=transaction (the pool then never names "
              + "statements), or point the role at a session-mode endpoint"
          : "the pool never names statements itself; look for SQL PREPARE, or PreparedStatement.getMetaData() "
              + "before the first execution on pgjdbc 42.7.8 or newer (use 42.7.7)";
    }
  },
  SESSION_CLIENT_LIMIT("the session-mode pooler has no client slot left (Supabase gives one per pool_size, often 15)") {
    @Override
    boolean matches(String sqlState, String message) {
      return message.contains("maxclientsinsessionmode") || message.contains("emaxconnsession")
          || message.contains("max clients reached in session mode");
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return budgetFix(plan);
    }
  },
  PGBOUNCER_CLIENT_LIMIT("PgBouncer refuses more clients (max_client_conn)") {
    @Override
    boolean matches(String sqlState, String message) {
      return message.contains("no more connections allowed (max_client_conn)");
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return budgetFix(plan) + ", or raise PgBouncer's max_client_conn";
    }
  },
  TRANSACTION_CLIENT_LIMIT("the transaction-mode pooler refuses more clients") {
    @Override
    boolean matches(String sqlState, String message) {
      return message.contains("max client connections reached");
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return budgetFix(plan) + ", or move to a larger compute tier";
    }
  },
  SERVER_CONNECTION_LIMIT("PostgreSQL has no connection slot left (max_connections)") {
    @Override
    boolean matches(String sqlState, String message) {
      return "53300".equals(sqlState);
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return "connect through the pooler instead of directly, or " + budgetFix(plan);
    }
  },
  TENANT_NOT_FOUND("the pooler does not know this user or project") {
    @Override
    boolean matches(String sqlState, String message) {
      return message.contains("tenant or user not found");
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return "on Supabase's pooler the user is postgres.PROJECTREF and the host aws-N-REGION.pooler.supabase.com; "
          + "copy both from the dashboard's Connect dialog";
    }
  },
  STARTUP_PARAMETER("the pooler refuses a parameter of the connection's startup packet") {
    @Override
    boolean matches(String sqlState, String message) {
      return message.contains("unsupported startup parameter");
    }

    @Override
    String fix(RolePlan plan, String modeSetting) {
      return "remove options or currentSchema from the URL and set them per database role with ALTER ROLE ... SET, "
          + "or list the parameter in PgBouncer's ignore_startup_parameters";
    }
  };

  private final String meaning;

  KnownFailure(String meaning) {
    this.meaning = meaning;
  }

  /** What the failure means. */
  public String meaning() {
    return meaning;
  }

  abstract boolean matches(String sqlState, String lowerCaseMessage);

  abstract String fix(RolePlan plan, String modeSetting);

  /** A known failure and the exception in the chain that shows it. */
  public record Match(KnownFailure failure, Throwable shownBy) {}

  /** The known failure behind {@code e} or anything in its cause and next-exception chain, or {@code null}. */
  public static Match of(Throwable e) {
    Throwable current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      String message = current.getMessage() == null ? "" : current.getMessage().toLowerCase(Locale.ROOT);
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
