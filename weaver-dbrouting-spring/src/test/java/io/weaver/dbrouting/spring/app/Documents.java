package io.weaver.dbrouting.spring.app;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleScope;
import io.weaver.dbrouting.spring.UseDbRole;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Work as an application writes it; each method reports which pool its statements ran on. */
@Service
public class Documents {
  /** What a method saw: the role, and the application_name of each statement's connection. */
  public record Seen(DbRole role, List<String> applicationNames, boolean sameBackend) {}

  private final JdbcTemplate jdbc;

  public Documents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @UseDbRole(DbRole.WORKER)
  @Transactional
  public Seen storeAsWorker(String body) {
    return twoStatements(body);
  }

  @Transactional
  public Seen storeAsApi(String body) {
    return twoStatements(body);
  }

  @UseDbRole(DbRole.WORKER)
  @Transactional
  public Seen failAsWorker() {
    twoStatements("rolled back");
    throw new IllegalStateException("worker failed");
  }

  @Async
  @UseDbRole(DbRole.WORKER)
  public CompletableFuture<String> asyncAsWorker() {
    return CompletableFuture.completedFuture(applicationName());
  }

  @Async
  public CompletableFuture<String> asyncAsCaller() {
    return CompletableFuture.completedFuture(applicationName());
  }

  public long count(String body) {
    Long count = jdbc.queryForObject("SELECT count(*) FROM documents WHERE body = ?", Long.class, body);
    return count == null ? 0 : count;
  }

  private Seen twoStatements(String body) {
    Integer firstPid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
    String first = applicationName();
    jdbc.update("INSERT INTO documents (body) VALUES (?)", body);
    String second = applicationName();
    Integer secondPid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
    return new Seen(RoleScope.current(), List.of(first, second), firstPid != null && firstPid.equals(secondPid));
  }

  private String applicationName() {
    // current_setting() of a setting that exists is never NULL
    return Objects.requireNonNull(jdbc.queryForObject("SELECT current_setting('application_name')", String.class));
  }
}
