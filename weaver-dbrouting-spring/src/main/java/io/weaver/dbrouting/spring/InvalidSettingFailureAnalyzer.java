package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.InvalidSettingException;
import java.util.Objects;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a bad weaver-dbrouting setting at startup: what is wrong, in which environment variable or property, and
 * what to change. The exception already names the setting as the user gave it (variable, property or builder call)
 * and is free of secrets; a HikariCP refusal names the {@code hikari} map it most likely came from.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    String setting = cause.setting();
    String message = Objects.requireNonNull(cause.getMessage(), "InvalidSettingException has a message");
    String problem = message.startsWith(setting + ": ") ? message.substring(setting.length() + 2) : message;
    String hikari = SettingNames.hikariMapFor(setting);
    String shownName = hikari == null ? setting : hikari;
    if (hikari != null) {
      problem = problem.replace(setting, hikari);
    }
    int fixAt = problem.lastIndexOf(" Fix: ");
    String description = shownName + ": " + (fixAt < 0 ? problem : problem.substring(0, fixAt));
    String action = fixAt < 0 ? "Correct " + shownName + "." : problem.substring(fixAt + " Fix: ".length());
    String property = SettingNames.isEnvironmentVariable(setting) ? SettingNames.propertyFor(setting) : null;
    if (property != null) {
      action += " (The environment variable " + setting + " can also be given as the property " + property + ".)";
    }
    if (hikari != null) {
      action += " (HikariCP settings come from " + hikari + ".*, or from " + setting
          + " in a RoleAwareDataSourceCustomizer.)";
    }
    return new FailureAnalysis(description, action, cause);
  }
}
