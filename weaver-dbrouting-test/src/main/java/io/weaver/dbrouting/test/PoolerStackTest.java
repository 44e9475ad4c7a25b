package io.weaver.dbrouting.test;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against PostgreSQL with a session-mode and a transaction-mode PgBouncer in front, and checks
 * after each test that the transaction pooler's server connections were left clean.
 *
 * <pre>{@code
 * @PoolerStackTest
 * class OrderRepositoryTests {
 *   @Test
 *   void savesAnOrder(PoolerUrls urls) throws Exception {
 *     try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(urls.environment())) { ... }
 *   }
 * }
 * }</pre>
 *
 * <p>The stack starts once per test run, is shared by every class that uses it, and stops when the run ends (a
 * killed JVM leaves nothing running either). Parameters of type {@link PoolerUrls} are injected into constructors,
 * test and lifecycle methods, and the system properties that {@link PoolerUrls#systemProperties()} lists are set
 * while the stack runs. In a {@code @SpringBootTest} the URLs reach the application's environment with no other
 * configuration. See {@link PoolerStackExtension} for where the programs come from.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Documented
@Inherited
@ExtendWith(PoolerStackExtension.class)
public @interface PoolerStackTest {

  /**
   * Whether each test of the class is followed by the leak check: every server connection of the transaction
   * pooler is inspected at once for session state a client left behind (session settings, prepared statements,
   * advisory locks, temporary tables, held cursors, {@code LISTEN} channels); anything found fails the test, saying
   * what and which statements cause it, and is cleaned up. (default: {@code true})
   */
  boolean leakCheck() default true;
}
