package io.weaver.dbrouting.internal.config;

import com.zaxxer.hikari.HikariConfig;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.PreparedStatements;
import io.weaver.dbrouting.Setting;
import io.weaver.dbrouting.internal.pool.ServerSettings;
import io.weaver.dbrouting.internal.url.UrlParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings as given, per role: each value with the name its errors use (the builder method, or the variable or
 * property it was read from) and whether it was given at all. Values are checked when given; {@link RoleResolver}
 * checks them against each other.
 */
public final class SettingsInput {
  /** One setting of one role as given. */
  private static final class Given {
    @Nullable Object value;
    String label;
    boolean set;

    Given(@Nullable Object value, String label) {
      this.value = value;
      this.label = label;
    }
  }

  private final Map<DbRole, Map<Setting, Given>> given = new EnumMap<>(DbRole.class);
  private final Map<DbRole, List<Consumer<? super HikariConfig>>> customizers = new EnumMap<>(DbRole.class);

  public SettingsInput() {
    for (DbRole role : DbRole.values()) {
      Map<Setting, Given> settings = new EnumMap<>(Setting.class);
      for (Setting setting : Setting.values()) {
        Object defaultValue = setting == Setting.SERVER_SETTINGS ? new LinkedHashMap<String, String>()
            : setting.defaultValue(role);
        settings.put(setting, new Given(defaultValue, setting.builderMethod(role)));
      }
      given.put(role, settings);
      customizers.put(role, new ArrayList<>());
    }
  }

  /** A value given to the builder, checked now; {@code null} URL or mode means unset / auto. */
  public void fromBuilder(Setting setting, DbRole role, @Nullable Object value) {
    String label = setting.builderMethod(role);
    Given entry = entry(setting, role);
    @Nullable Object checked = switch (setting) {
      case URL -> role == DbRole.WORKER && SettingValues.isUnset((String) value) ? null
          : UrlParser.parse((String) value, label);
      case POOL_SIZE, MAX_OVERFLOW -> SettingValues.count(Objects.requireNonNull((Integer) value, label), label);
      case PROCESSES, CLIENT_LIMIT -> SettingValues.atLeastOne(Objects.requireNonNull((Integer) value, label), label);
      default -> value;
    };
    entry.value = checked;
    entry.label = label;
    entry.set = true;
  }

  /** One server setting given to the builder; it adds to those already given. */
  public void serverSettingFromBuilder(DbRole role, String name, String value) {
    Given entry = entry(Setting.SERVER_SETTINGS, role);
    entry.label = Setting.SERVER_SETTINGS.builderMethod(role);
    ServerSettings.put(serverSettingsOf(entry), name.strip(), value.strip(), entry.label);
    entry.set = true;
  }

  public void customizer(DbRole role, Consumer<? super HikariConfig> customizer) {
    Objects.requireNonNull(customizers.get(role), "every role has its list").add(customizer);
  }

  /**
   * Applies every variable {@code lookup} has (blank counts as absent), for each setting and role of the catalogue.
   * Absent ones leave builder values alone; where the builder set nothing either, messages name the variable, since
   * that is where a value would go.
   *
   * @param nameOf how messages name the setting behind a variable (e.g. the property it was read from); a blank or
   *     {@code null} name keeps the variable's
   */
  public void environment(Function<String, String> lookup, Function<String, String> nameOf) {
    for (DbRole role : DbRole.values()) {
      for (Setting setting : Setting.values()) {
        String variable = setting.variable(role);
        String name = nameOf.apply(variable);
        String label = SettingValues.isUnset(name) ? variable : name;
        String text = lookup.apply(variable);
        Given entry = entry(setting, role);
        if (SettingValues.isUnset(text)) {
          if (!entry.set) {
            entry.label = label;
          }
          continue;
        }
        entry.label = label;
        entry.set = true;
        if (setting == Setting.SERVER_SETTINGS) {
          ServerSettings.parse(text, label).forEach((key, value) ->
              ServerSettings.put(serverSettingsOf(entry), key, value, label));
        } else {
          entry.value = read(setting, text, label);
        }
      }
    }
  }

  private Given entry(Setting setting, DbRole role) {
    return Objects.requireNonNull(Objects.requireNonNull(given.get(role), "every role has its settings").get(setting),
        "every setting has an entry");
  }

  /** Reads one variable's text as the setting's type. */
  private static @Nullable Object read(Setting setting, String text, String label) {
    return switch (setting) {
      case URL -> UrlParser.parse(text, label);
      case POOL_MODE -> SettingValues.mode(text, label);
      case POOL_SIZE, MAX_OVERFLOW -> SettingValues.count(text, label);
      case PROCESSES, CLIENT_LIMIT -> SettingValues.atLeastOne(SettingValues.count(text, label), label);
      case CHECK_POOL_MODE -> SettingValues.bool(text, label);
      case PREPARED_STATEMENTS -> SettingValues.preparedStatements(text, label);
      case SERVER_SETTINGS -> ServerSettings.parse(text, label);
    };
  }

  @SuppressWarnings("unchecked") // SERVER_SETTINGS always holds the map made in the constructor
  private static Map<String, String> serverSettingsOf(Given entry) {
    Objects.requireNonNull(entry.value, "server settings start as an empty map");
    return (Map<String, String>) entry.value;
  }

  /** The value of {@code setting} for {@code role}: given, else the default; {@code null} for none. */
  public @Nullable Object value(Setting setting, DbRole role) {
    return entry(setting, role).value;
  }

  /** The name errors use for {@code setting} of {@code role}. */
  public String label(Setting setting, DbRole role) {
    return entry(setting, role).label;
  }

  /** True when {@code setting} of {@code role} was given by the builder or the environment. */
  public boolean isSet(Setting setting, DbRole role) {
    return entry(setting, role).set;
  }

  public @Nullable PoolMode mode(DbRole role) {
    return (PoolMode) value(Setting.POOL_MODE, role);
  }

  /** The prepared statements setting as given, or {@code null} for the mode's default. */
  public @Nullable PreparedStatements preparedStatements(DbRole role) {
    return (PreparedStatements) value(Setting.PREPARED_STATEMENTS, role);
  }

  public @Nullable Integer count(Setting setting, DbRole role) {
    return (Integer) value(setting, role);
  }

  public Map<String, String> serverSettings(DbRole role) {
    return Collections.unmodifiableMap(serverSettingsOf(entry(Setting.SERVER_SETTINGS, role)));
  }

  public List<Consumer<? super HikariConfig>> customizers(DbRole role) {
    return List.copyOf(Objects.requireNonNull(customizers.get(role), "every role has its list"));
  }
}
