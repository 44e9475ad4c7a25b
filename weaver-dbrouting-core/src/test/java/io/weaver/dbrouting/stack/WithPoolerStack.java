package io.weaver.dbrouting.stack;

import io.weaver.dbrouting.devstack.PoolerStack;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM-wide {@link PoolerStack}: PostgreSQL plus a session-mode and a
 * transaction-mode PgBouncer. Parameters of type {@link PoolerStack} are injected. When the stack
 * cannot start, the class is skipped (aborted), or fails when the environment variable {@code CI}
 * is {@code true}.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Documented
@Inherited
@ExtendWith(PoolerStackExtension.class)
public @interface WithPoolerStack {
}
