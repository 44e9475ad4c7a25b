package io.weaver.dbrouting.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class PoolerStackTestTests {

  @Test
  void theLeakCheckIsOnByDefault() throws NoSuchMethodException {
    assertThat(PoolerStackTest.class.getMethod("leakCheck").getDefaultValue()).isEqualTo(true);
  }

  @Test
  void theAnnotationBringsTheExtension() {
    assertThat(PoolerStackTest.class.getAnnotation(ExtendWith.class).value())
        .containsExactly(PoolerStackExtension.class);
  }
}
