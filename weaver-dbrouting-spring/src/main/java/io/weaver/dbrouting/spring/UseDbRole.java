package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a bean's method (or every method of a bean class) as a role. The role is entered before any
 * {@code @Transactional} on the same method fetches its connection, so the transaction runs on that role's pool; the
 * previous role is restored afterwards. A method's annotation wins over its class's.
 *
 * <pre>{@code
 * @UseDbRole(DbRole.WORKER)
 * @Transactional
 * public void processDocument(long id) { ... }   // every statement on the worker pool
 * }</pre>
 *
 * <p>Like {@code @Transactional}, it works on calls through the Spring proxy, not on calls from the same object.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface UseDbRole {
  /** The role the method runs as. */
  DbRole value();
}
