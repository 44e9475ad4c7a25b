package io.weaver.dbrouting.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.test.PoolerStackTest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

class PoolerStackContextCustomizerFactoryTests {

  private final PoolerStackContextCustomizerFactory factory = new PoolerStackContextCustomizerFactory();

  @PoolerStackTest
  static class Annotated {
    @Nested
    class Inner {
    }
  }

  @PoolerStackTest(leakCheck = false)
  static class AnnotatedWithoutLeakCheck {
  }

  static class Subclass extends Annotated {
  }

  static class Plain {
  }

  @Test
  void annotatedClassesGetOneCustomizerThatAllShareForTheContextCache() {
    ContextCustomizer first = factory.createContextCustomizer(Annotated.class, List.of());
    ContextCustomizer second = factory.createContextCustomizer(AnnotatedWithoutLeakCheck.class, List.of());

    assertThat(first).isInstanceOf(PoolerStackContextCustomizer.class).isEqualTo(second);
    assertThat(first.hashCode()).isEqualTo(second.hashCode());
  }

  @Test
  void nestedAndSubclassesOfAnnotatedClassesGetItToo() {
    assertThat(factory.createContextCustomizer(Annotated.Inner.class, List.of())).isNotNull();
    assertThat(factory.createContextCustomizer(Subclass.class, List.of())).isNotNull();
  }

  @Test
  void otherClassesGetNothing() {
    assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
  }

  @Test
  void springFindsTheFactoryThroughSpringFactories() {
    assertThat(org.springframework.core.io.support.SpringFactoriesLoader.loadFactories(
        org.springframework.test.context.ContextCustomizerFactory.class, getClass().getClassLoader()))
        .anyMatch(PoolerStackContextCustomizerFactory.class::isInstance);
  }
}
