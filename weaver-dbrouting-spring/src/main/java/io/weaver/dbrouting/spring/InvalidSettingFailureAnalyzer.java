package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.InvalidSettingException;
import io.weaver.dbrouting.Setting;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a bad weaver-dbrouting setting at startup from the exception's parts: what is wrong and the rule, in which
 * environment variable or property, and what to change. The exception already names the setting as the user gave it
 * (variable, property or builder call) and is free of secrets; a variable's action also names the property that can
 * stand for it, a deprecated key's its replacement, and a HikariCP refusal the {@code hikari} map it most likely came
 * from.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    String setting = cause.setting();
    String hikari = hikariMapFor(setting);
    String shown = hikari == null ? setting : hikari;
    String description = shown + ": " + named(cause.problem(), setting, shown) + "; "
        + named(cause.rule(), setting, shown) + ".";
    String fix = named(cause.fix(), setting, shown);
    StringBuilder action = new StringBuilder(fix).append(fix.endsWith(".") ? "" : ".");
    for (DbRole role : DbRole.values()) {
      for (Setting each : Setting.values()) {
        if (setting.equals(each.variable(role))) {
          action.append(" (The environment variable ").append(setting).append(" can also be given as the property ")
              .append(each.property(role)).append(".)");
        } else if (setting.equals(each.deprecatedProperty(role))) {
          action.append(" (").append(setting).append(" is deprecated: use ").append(each.property(role))
              .append(", which wins when both are set.)");
        }
      }
    }
    if (hikari != null) {
      action.append(" (HikariCP settings come from ").append(hikari).append(".*, or from ").append(setting)
          .append(" in a RoleAwareDataSourceCustomizer.)");
    }
    return new FailureAnalysis(description, action.toString(), cause);
  }

  /** {@code text} naming the setting as shown: core names a hikari refusal by its builder call. */
  private static String named(String text, String setting, String shown) {
    return shown.equals(setting) ? text : text.replace(setting, shown);
  }

  /** The hikari map behind {@code customizeHikari(ROLE)}, the one builder call the properties make, or null. */
  private static @Nullable String hikariMapFor(String builderMethod) {
    for (DbRole role : DbRole.values()) {
      if (builderMethod.equals("customizeHikari(" + role + ")")) {
        return PropertiesMapper.hikariPrefix(role);
      }
    }
    return null;
  }
}
