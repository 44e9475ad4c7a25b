package io.weaver.dbrouting.spring.jpa;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.spring.UseDbRole;
import io.weaver.dbrouting.spring.WorkerDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Worker transactions that report the isolation level they ran at, through JDBC and through JPA. */
@Service
@UseDbRole(DbRole.WORKER)
public class IsolationLevels {
  /** Never NULL: the setting always exists. */
  private static final String LEVEL = "SELECT current_setting('transaction_isolation')";
  private static final AtomicLong IDS = new AtomicLong();

  private final JdbcTemplate workerJdbc;
  @PersistenceContext
  private EntityManager entityManager;

  public IsolationLevels(@WorkerDataSource JdbcTemplate workerJdbc) {
    this.workerJdbc = workerJdbc;
  }

  /** Spring's JDBC transaction manager over the worker pool, with the worker pool's JdbcTemplate. */
  @Transactional(transactionManager = "workerTransactionManager", isolation = Isolation.SERIALIZABLE)
  public String serializableJdbc() {
    return Objects.requireNonNull(workerJdbc.queryForObject(LEVEL, String.class));
  }

  @Transactional(transactionManager = "workerTransactionManager")
  public String defaultJdbc() {
    return Objects.requireNonNull(workerJdbc.queryForObject(LEVEL, String.class));
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
