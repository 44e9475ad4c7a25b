package io.weaver.dbrouting.internal.config;

import java.util.function.Function;

/**
 * One whole-number setting of a role as given: its value, whether the builder or the environment set it, and the name
 * its errors use (the builder method, or the environment variable once the environment was read).
 */
public final class CountSetting {
  private final Setting setting;
  private final int minimum;
  private Integer value;
  private String label;
  private boolean set;

  /**
   * @param defaultValue the value until one is given, or {@code null} for none
   * @param minimum 0 for sizes, 1 for counts of processes or connections
   */
  public CountSetting(Setting setting, Integer defaultValue, int minimum) {
    this.setting = setting;
    this.minimum = minimum;
    this.value = defaultValue;
    this.label = setting.builderMethod();
  }

  /** A value given to the builder, checked now. */
  public void fromBuilder(int given) {
    label = setting.builderMethod();
    value = check(given);
    set = true;
  }

  /**
   * The environment's value, when present (blank counts as absent); when absent and nothing else set one, errors name
   * the variable (as {@code nameOf} names it), since that is where a value would go.
   */
  public void fromEnvironment(Function<String, String> environment, Function<String, String> nameOf) {
    String name = nameOf.apply(setting.environmentName());
    String text = environment.apply(setting.environmentName());
    if (!SettingValues.isUnset(text)) {
      label = name;
      value = check(SettingValues.count(text, name));
      set = true;
    } else if (!set) {
      label = name;
    }
  }

  /** The value, or {@code null} when there is neither a default nor a given one. */
  public Integer value() {
    return value;
  }

  public String label() {
    return label;
  }

  private int check(int given) {
    return minimum == 0 ? SettingValues.count(given, label) : SettingValues.atLeastOne(given, label);
  }
}
