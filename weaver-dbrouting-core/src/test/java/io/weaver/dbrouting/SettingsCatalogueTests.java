package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's settings table, the catalogue and the code say the same thing. */
class SettingsCatalogueTests {

  /** README's settings table: variable to its cells, the last cell being the group heading it sits under. */
  private static Map<String, String[]> readmeRows() throws IOException {
    Path readme = Path.of("..", "README.md");
    Map<String, String[]> rows = new LinkedHashMap<>();
    boolean inTable = false;
    String group = "";
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      if (line.startsWith("| environment variable | builder method | default | meaning |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable && line.startsWith("| **")) {
        group = line.substring(4, line.indexOf("**", 4));
      } else if (inTable && line.startsWith("| `")) {
        String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).skip(1).toArray(String[]::new);
        String[] withGroup = Arrays.copyOf(cells, 5);
        withGroup[4] = group;
        rows.put(cells[0].replace("`", ""), withGroup);
      }
    }
    return rows;
  }

  @Test
  void readmeListsEverySettingOfEveryRoleWithItsBuilderMethodDefaultMeaningAndGroup() throws IOException {
    Map<String, String[]> rows = readmeRows();

    List<String> variables = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      for (DbRole role : DbRole.values()) {
        variables.add(setting.variable(role));
        String[] row = rows.get(setting.variable(role));
        assertThat(row).as("README row of %s", setting.variable(role)).isNotNull();
        assertThat(row[1]).as("builder method of %s", setting).isEqualTo("`" + setting.builderMethod(role) + "`");
        assertThat(row[2]).as("default of %s", setting).isEqualTo(setting.defaultText(role));
        assertThat(row[3]).as("meaning of %s", setting).isEqualTo(setting.meaning(role));
        assertThat(row[4]).as("group of %s", setting).isEqualToIgnoringCase(setting.group().name());
      }
    }
    assertThat(rows.keySet()).as("README rows, and nothing else").containsExactlyInAnyOrderElementsOf(variables);
  }

  @Test
  void everyVariableBuilderMethodAndPropertyFollowsTheRoleNaming() {
    assertThat(Setting.URL.variable(DbRole.API)).isEqualTo("DATABASE_URL");
    assertThat(Setting.URL.variable(DbRole.WORKER)).isEqualTo("WORKER_DATABASE_URL");
    assertThat(Setting.URL.builderMethod(DbRole.WORKER)).isEqualTo("workerDatabaseUrl(String)");
    assertThat(Setting.URL.property(DbRole.WORKER)).isEqualTo("weaver.dbrouting.worker.url");
    assertThat(Setting.URL.deprecatedProperty(DbRole.API)).isEqualTo("weaver.dbrouting.database-url");
    assertThat(Setting.POOL_SIZE.builderMethod(DbRole.API)).isEqualTo("poolSize(API, int)");
    assertThat(Setting.CHECK_POOL_MODE.property(DbRole.API)).isEqualTo("weaver.dbrouting.api.check-pool-mode");
    assertThat(Setting.POOL_SIZE.deprecatedProperty(DbRole.API)).isNull();
  }

  @Test
  void catalogueDefaultsAreTheDefaultsTheCodeUses() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl("postgresql://u:p@h:5432/db").build()) {
      for (DbRole role : DbRole.values()) {
        RolePlan plan = ds.plan(role);
        assertThat(Setting.POOL_SIZE.defaultValue(role)).isEqualTo(plan.minimumIdle());
        assertThat(Setting.MAX_OVERFLOW.defaultValue(role)).isEqualTo(plan.maximumPoolSize() - plan.minimumIdle());
        assertThat(Setting.PROCESSES.defaultValue(role)).isEqualTo(plan.processes());
        assertThat(Setting.CLIENT_LIMIT.defaultValue(role)).isNull();
        assertThat(plan.clientLimit()).isEmpty();
      }
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
    }
  }

  @Test
  void everySettingIsReadFromTheEnvironment() throws java.sql.SQLException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(Setting.URL.variable(DbRole.API), "postgresql://u:p@h:5432/db");
    env.put(Setting.URL.variable(DbRole.WORKER), "postgresql://u:p@w:5432/db");
    env.put(Setting.POOL_MODE.variable(DbRole.API), "transaction");
    env.put(Setting.POOL_SIZE.variable(DbRole.API), "7");
    env.put(Setting.MAX_OVERFLOW.variable(DbRole.API), "1");
    env.put(Setting.POOL_SIZE.variable(DbRole.WORKER), "3");
    env.put(Setting.MAX_OVERFLOW.variable(DbRole.WORKER), "2");
    env.put(Setting.PROCESSES.variable(DbRole.API), "3");
    env.put(Setting.PROCESSES.variable(DbRole.WORKER), "2");
    env.put(Setting.CLIENT_LIMIT.variable(DbRole.API), "30");
    env.put(Setting.CLIENT_LIMIT.variable(DbRole.WORKER), "200");
    env.put(Setting.SERVER_SETTINGS.variable(DbRole.API), " ");
    env.put(Setting.SERVER_SETTINGS.variable(DbRole.WORKER), "work_mem=64MB");
    env.put(Setting.POOL_MODE.variable(DbRole.WORKER), "session");
    env.put(Setting.CHECK_POOL_MODE.variable(DbRole.API), "false");
    env.put(Setting.CHECK_POOL_MODE.variable(DbRole.WORKER), "FALSE");
    env.put(Setting.PREPARED_STATEMENTS.variable(DbRole.API), "on");
    env.put(Setting.PREPARED_STATEMENTS.variable(DbRole.WORKER), "Off");
    assertThat(env).hasSize(Setting.values().length * DbRole.values().length);

    try (RoleAwareDataSource ds = RoleAwareDataSource.fromEnvironment(env)) {
      assertThat(ds.plan(DbRole.WORKER).endpoint()).isEqualTo("w:5432/db");
      assertThat(ds.plan(DbRole.API).mode()).isEqualTo(PoolMode.TRANSACTION);
      assertThat(ds.plan(DbRole.WORKER).mode()).isEqualTo(PoolMode.SESSION);
      assertThat(ds.plan(DbRole.API).maximumPoolSize()).isEqualTo(8);
      assertThat(ds.plan(DbRole.WORKER).maximumPoolSize()).isEqualTo(5);
      assertThat(ds.plan(DbRole.API).processes()).isEqualTo(3);
      assertThat(ds.plan(DbRole.WORKER).processes()).isEqualTo(2);
      assertThat(ds.plan(DbRole.API).clientLimit()).hasValue(30);
      assertThat(ds.plan(DbRole.WORKER).clientLimit()).hasValue(200);
      assertThat(ds.plan(DbRole.API).preparedStatements()).isEqualTo(PreparedStatements.ON);
      assertThat(ds.plan(DbRole.API).serverPreparedStatements()).isTrue();
      assertThat(ds.plan(DbRole.WORKER).preparedStatements()).isEqualTo(PreparedStatements.OFF);
      assertThat(ds.plan(DbRole.WORKER).serverPreparedStatements()).isFalse();
      assertThat(ds.forRole(DbRole.WORKER).unwrap(com.zaxxer.hikari.HikariDataSource.class).getConnectionInitSql())
          .isEqualTo("SET work_mem TO '64MB'");
    }
  }
}
