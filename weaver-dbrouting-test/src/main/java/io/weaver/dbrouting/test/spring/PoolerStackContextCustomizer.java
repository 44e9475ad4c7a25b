package io.weaver.dbrouting.test.spring;

import io.weaver.dbrouting.test.PoolerUrls;
import io.weaver.dbrouting.test.internal.SharedPoolers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the stack's connection strings ({@link PoolerUrls#systemProperties()}: {@code weaver.dbrouting.api.url},
 * {@code weaver.dbrouting.worker.url}, {@code weaver.dbrouting.worker.pool-mode=transaction} and the matching
 * {@code DATABASE_URL} variables) as the first property source of the test's application context, so that they win
 * over {@code @SpringBootTest(properties = ...)}, system properties and application properties, as
 * {@code @DynamicPropertySource} values do (Boot may still put sources of its own ahead).
 *
 * <p>All instances are equal: every annotated test class reaches the same stack, so their contexts may be shared by
 * Spring's context cache when the rest of their configuration is equal.
 */
final class PoolerStackContextCustomizer implements ContextCustomizer {

  static final String PROPERTY_SOURCE_NAME = "weaver-dbrouting-test";

  @Override
  public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    Map<String, Object> properties = new LinkedHashMap<>(SharedPoolers.get().urls().systemProperties());
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PoolerStackContextCustomizer;
  }

  @Override
  public int hashCode() {
    return PoolerStackContextCustomizer.class.hashCode();
  }
}
