package io.weaver.dbrouting.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the worker role's beans: its pool ({@code DataSource}), {@code JdbcTemplate} and
 * {@code PlatformTransactionManager}. They are not candidates for plain by-type injection, so an unqualified
 * {@code DataSource} is always the routing one.
 *
 * <pre>{@code
 * WorkerJobs(@WorkerDataSource JdbcTemplate jdbc) { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface WorkerDataSource {}
