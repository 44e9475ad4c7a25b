package io.weaver.dbrouting.test.spring;

import io.weaver.dbrouting.test.PoolerStackTest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives test classes annotated with {@link PoolerStackTest} (also through an enclosing or super class) a
 * {@link PoolerStackContextCustomizer}; others get nothing. Registered in {@code META-INF/spring.factories}.
 */
public final class PoolerStackContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return TestContextAnnotationUtils.hasAnnotation(testClass, PoolerStackTest.class)
        ? new PoolerStackContextCustomizer() : null;
  }
}
