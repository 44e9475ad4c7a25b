package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.InvalidSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a bad weaver-dbrouting setting at startup: what is wrong, in which environment variable or property, and
 * what to change. The exception's message is already free of secrets.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    String setting = cause.setting();
    boolean variable = SettingNames.isEnvironmentVariable(setting);
    String property = SettingNames.propertyFor(setting);
    String message = cause.getMessage();
    String problem = message.startsWith(setting + ": ") ? message.substring(setting.length() + 2) : message;
    String shownName = variable ? setting : SettingNames.withPropertyNames(setting);
    if (!variable) {
      problem = SettingNames.withPropertyNames(problem);
    }
    int fixAt = problem.lastIndexOf(" Fix: ");
    String description = shownName + ": " + (fixAt < 0 ? problem : problem.substring(0, fixAt));
    String action = fixAt < 0 ? "Correct " + shownName + "." : problem.substring(fixAt + " Fix: ".length());
    if (property != null && variable) {
      action += " (The environment variable " + setting + " can also be given as the property " + property + ".)";
    }
    return new FailureAnalysis(description, action, cause);
  }
}
