package io.weaver.dbrouting.spring;

import java.util.Arrays;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/** Boot's own auto-configurations by simple name, wherever this Boot generation keeps them (they moved in Boot 4). */
final class BootAutoConfigurations {
  private static final String[] PACKAGES = {
      "org.springframework.boot.jdbc.autoconfigure.",
      "org.springframework.boot.autoconfigure.jdbc.",
      "org.springframework.boot.transaction.autoconfigure.",
      "org.springframework.boot.autoconfigure.transaction.",
      "org.springframework.boot.autoconfigure.aop.",
      "org.springframework.boot.autoconfigure.task.",
      "org.springframework.boot.flyway.autoconfigure.",
      "org.springframework.boot.autoconfigure.flyway.",
      "org.springframework.boot.actuate.autoconfigure.info."};

  private BootAutoConfigurations() {}

  static AutoConfigurations of(String... simpleNames) {
    return AutoConfigurations.of(Arrays.stream(simpleNames).map(BootAutoConfigurations::find).toArray(Class<?>[]::new));
  }

  private static Class<?> find(String simpleName) {
    for (String pkg : PACKAGES) {
      try {
        return Class.forName(pkg + simpleName);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    throw new IllegalStateException("no Boot auto-configuration named " + simpleName);
  }
}
