package io.weaver.dbrouting.spring;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Reads {@code DATABASE_URL} and friends from Spring's environment without resolving {@code ${...}} placeholders: a
 * password may contain something like {@code ${...}}, and resolving it would change the password or fail with a
 * message that quotes it.
 */
final class EnvironmentLookup {
  private EnvironmentLookup() {}

  static Function<String, @Nullable String> raw(Environment environment) {
    if (!(environment instanceof ConfigurableEnvironment configurable)) {
      return environment::getProperty;
    }
    return name -> {
      for (PropertySource<?> source : configurable.getPropertySources()) {
        Object value = source.getProperty(name);
        if (value != null) {
          return value.toString();
        }
      }
      return null;
    };
  }
}
