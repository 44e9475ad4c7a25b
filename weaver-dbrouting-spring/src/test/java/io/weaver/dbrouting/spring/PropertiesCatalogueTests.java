package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core's settings catalogue, the generated configuration metadata and README's properties table say the same. */
class PropertiesCatalogueTests {
  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  /** The keys that stand for no catalogue setting: the switch and each role's HikariCP map. */
  private static final List<String> EXTRAS = List.of("weaver.dbrouting.enabled", "weaver.dbrouting.api.hikari",
      "weaver.dbrouting.worker.hikari");

  /** Every {@code weaver.dbrouting.*} property of the configuration metadata on the class path, by name. */
  private static Map<String, Map<String, Object>> metadata() throws IOException {
    Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
    for (URL url : Collections.list(PropertiesCatalogueTests.class.getClassLoader().getResources(METADATA))) {
      try (InputStream in = url.openStream()) {
        List<Map<String, Object>> all = JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
            "$.properties[*]");
        for (Map<String, Object> property : all) {
          if (property.get("name").toString().startsWith("weaver.dbrouting.")) {
            properties.put(property.get("name").toString(), property);
          }
        }
      }
    }
    return properties;
  }

  /** README's Spring properties table: key (without a map's {@code .*}) to variable, default and group heading. */
  private static Map<String, List<String>> readmeRows() throws IOException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    boolean inTable = false;
    String group = "";
    for (String line : Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("| property | environment variable | default |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable && line.startsWith("| **")) {
        group = line.substring(4, line.indexOf("**", 4));
      } else if (inTable && line.startsWith("| `")) {
        String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).skip(1).toArray(String[]::new);
        String key = firstCode(cells[0]);
        rows.put(key.endsWith(".*") ? key.substring(0, key.length() - 2) : key,
            List.of(cells[1].isEmpty() ? "" : firstCode(cells[1]), cells[2], group));
      }
    }
    return rows;
  }

  private static String firstCode(String cell) {
    int start = cell.indexOf('`') + 1;
    return cell.substring(start, cell.indexOf('`', start));
  }

  @Test
  void everySettingOfEveryRoleHasAPropertyDescribedWithItsVariable() throws IOException {
    Map<String, Map<String, Object>> metadata = metadata();

    for (Setting setting : Setting.values()) {
      for (DbRole role : DbRole.values()) {
        Map<String, Object> property = metadata.get(setting.property(role));
        assertThat(property).as("metadata of %s", setting.property(role)).isNotNull();
        assertThat(property.get("description")).as("description of %s", setting.property(role)).asString()
            .contains(setting.variable(role));
        assertThat(property.get("deprecated")).as("%s is current", setting.property(role)).isNotEqualTo(true);
      }
    }
  }

  @Test
  void deprecatedKeysAreDeclaredDeprecatedWithTheirReplacement() throws IOException {
    Map<String, Map<String, Object>> metadata = metadata();

    List<String> deprecated = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      for (DbRole role : DbRole.values()) {
        String key = setting.deprecatedProperty(role);
        if (key != null) {
          deprecated.add(key);
          Map<String, Object> property = metadata.get(key);
          assertThat(property).as("metadata of %s", key).isNotNull();
          assertThat(property.get("deprecated")).as("%s deprecated", key).isEqualTo(true);
          assertThat(property.get("description")).as("description of %s", key).asString().isNotBlank();
          @SuppressWarnings("unchecked")
          Map<String, Object> deprecation = (Map<String, Object>) property.get("deprecation");
          assertThat(deprecation).as("deprecation of %s", key).containsEntry("replacement", setting.property(role));
          assertThat(deprecation.get("reason")).asString().contains(setting.property(role) + " wins when both are set");
        }
      }
    }
    assertThat(deprecated).containsExactlyInAnyOrder("weaver.dbrouting.database-url",
        "weaver.dbrouting.worker-database-url");
  }

  @Test
  void metadataHasNoKeyTheCatalogueDoesNotKnow() throws IOException {
    List<String> known = new ArrayList<>(EXTRAS);
    for (Setting setting : Setting.values()) {
      for (DbRole role : DbRole.values()) {
        known.add(setting.property(role));
        if (setting.deprecatedProperty(role) != null) {
          known.add(setting.deprecatedProperty(role));
        }
      }
    }

    assertThat(metadata().keySet()).containsExactlyInAnyOrderElementsOf(known);
  }

  @Test
  void readmeListsEveryPropertyWithItsVariableDefaultAndGroup() throws IOException {
    Map<String, List<String>> rows = readmeRows();

    List<String> keys = new ArrayList<>(EXTRAS);
    for (Setting setting : Setting.values()) {
      for (DbRole role : DbRole.values()) {
        keys.add(setting.property(role));
        List<String> row = rows.get(setting.property(role));
        assertThat(row).as("README row of %s", setting.property(role)).isNotNull();
        assertThat(row.get(0)).as("variable of %s", setting.property(role)).isEqualTo(setting.variable(role));
        assertThat(row.get(1)).as("default of %s", setting.property(role)).isEqualTo(setting.defaultText(role));
        assertThat(row.get(2)).as("group of %s", setting.property(role)).isEqualToIgnoringCase(setting.group().name());
      }
    }
    assertThat(rows.keySet()).as("README rows, and nothing else").containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void readmeNamesTheDeprecatedKeysWithTheirReplacement() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

    for (Setting setting : Setting.values()) {
      for (DbRole role : DbRole.values()) {
        if (setting.deprecatedProperty(role) != null) {
          assertThat(readme).contains("`" + setting.deprecatedProperty(role) + "` (now `" + setting.property(role)
              + "`)");
        }
      }
    }
  }
}
