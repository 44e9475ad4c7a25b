package io.weaver.dbrouting.spring.jpa;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.spring.UseDbRole;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Worker transactions that report the isolation level they ran at, through JDBC and through JPA. */
@Service
@UseDbRole(DbRole.WORKER)
public class IsolationLevels {
  private static final String LEVEL = "SELECT current_setting('transaction_isolation')";
  private static final AtomicLong IDS = new AtomicLong();

  private final JdbcTemplate jdbc;
  @PersistenceContext
  private EntityManager entityManager;

  public IsolationLevels(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Spring's JDBC transaction manager over the worker pool. */
  @Transactional(transactionManager = "workerTransactionManager", isolation = Isolation.SERIALIZABLE)
  public String serializableJdbc() {
    return jdbc.queryForObject(LEVEL, String.class);
  }

  @Transactional(transactionManager = "workerTransactionManager")
  public String defaultJdbc() {
    return jdbc.queryForObject(LEVEL, String.class);
  }

  /** The application's JPA transaction manager; the role routes its connection to the worker pool. */
  @Transactional(isolation = Isolation.SERIALIZABLE)
  public String serializableJpa() {
    return writeNote();
  }

  @Transactional
  public String defaultJpa() {
    return writeNote();
  }

  private String writeNote() {
    String level = (String) entityManager.createNativeQuery(LEVEL).getSingleResult();
    entityManager.persist(new Note(IDS.incrementAndGet(), level));
    entityManager.flush();
    return level;
  }
}
