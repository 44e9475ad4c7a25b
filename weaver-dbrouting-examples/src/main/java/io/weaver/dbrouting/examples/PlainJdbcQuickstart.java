package io.weaver.dbrouting.examples;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RoleScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * README's plain-JDBC quickstart as a program: reads {@code DATABASE_URL} and {@code WORKER_DATABASE_URL}, prints each
 * role's plan, and runs one query as each role.
 */
public final class PlainJdbcQuickstart {
  private PlainJdbcQuickstart() {}

  public static void main(String[] args) throws Exception {
    try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment()) {
      System.out.println(db.plan(DbRole.API));
      System.out.println(db.plan(DbRole.WORKER));

      System.out.println("API connection:    " + applicationName(db));

      ExecutorService workers = RoleScope.executorService(DbRole.WORKER, Executors.newFixedThreadPool(4));
      System.out.println("worker connection: " + workers.submit(() -> applicationName(db)).get());
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static String applicationName(RoleAwareDataSource db) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
