package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.internal.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's settings table, the catalogue and the code say the same thing. */
class SettingsCatalogueTests {

  private static Map<String, String[]> readmeRows() throws IOException {
    Path readme = Path.of("..", "README.md");
    Map<String, String[]> rows = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      if (line.startsWith("| environment variable | builder method | default | meaning |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable && line.startsWith("| `")) {
        String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).skip(1).toArray(String[]::new);
        rows.put(cells[0].replace("`", ""), cells);
      }
    }
    return rows;
  }

  @Test
  void readmeListsEverySettingWithItsBuilderMethodDefaultAndMeaning() throws IOException {
    Map<String, String[]> rows = readmeRows();

    assertThat(rows.keySet()).containsExactlyInAnyOrder(
        Arrays.stream(Setting.values()).map(Setting::environmentName).toArray(String[]::new));
    for (Setting setting : Setting.values()) {
      String[] row = rows.get(setting.environmentName());
      assertThat(row[1]).as("builder method of %s", setting).isEqualTo("`" + setting.builderMethod() + "`");
      assertThat(row[2]).as("default of %s", setting).isEqualTo(setting.defaultValue());
      assertThat(row[3]).as("meaning of %s", setting).isEqualTo(setting.meaning());
    }
  }

  @Test
  void catalogueDefaultsAreTheDefaultsTheCodeUses() {
    try (RoleAwareDataSource ds = RoleAwareDataSource.builder().databaseUrl("postgresql://u:p@h:5432/db").build()) {
      assertThat(Setting.DATABASE_POOL_SIZE.defaultValue())
          .isEqualTo(String.valueOf(ds.plan(DbRole.API).minimumIdle()));
      assertThat(Setting.DATABASE_MAX_OVERFLOW.defaultValue())
          .isEqualTo(String.valueOf(ds.plan(DbRole.API).maximumPoolSize() - ds.plan(DbRole.API).minimumIdle()));
      assertThat(Setting.WORKER_DATABASE_POOL_SIZE.defaultValue())
          .isEqualTo(String.valueOf(ds.plan(DbRole.WORKER).minimumIdle()));
      assertThat(Setting.WORKER_DATABASE_MAX_OVERFLOW.defaultValue())
          .isEqualTo(String.valueOf(ds.plan(DbRole.WORKER).maximumPoolSize() - ds.plan(DbRole.WORKER).minimumIdle()));
      assertThat(ds.plan(DbRole.WORKER).fellBack()).isTrue();
    }
  }

  @Test
  void everySettingIsReadFromTheEnvironment() throws java.sql.SQLException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(Setting.DATABASE_URL.environmentName(), "postgresql://u:p@h:5432/db");
    env.put(Setting.WORKER_DATABASE_URL.environmentName(), "postgresql://u:p@w:5432/db");
    env.put(Setting.DATABASE_POOL_MODE.environmentName(), "transaction");
    env.put(Setting.DATABASE_POOL_SIZE.environmentName(), "7");
    env.put(Setting.DATABASE_MAX_OVERFLOW.environmentName(), "1");
    env.put(Setting.WORKER_DATABASE_POOL_SIZE.environmentName(), "3");
    env.put(Setting.WORKER_DATABASE_MAX_OVERFLOW.environmentName(), "2");
    env.put(Setting.DATABASE_PROCESSES.environmentName(), "3");
    env.put(Setting.WORKER_DATABASE_PROCESSES.environmentName(), "2");
    env.put(Setting.DATABASE_CLIENT_LIMIT.environmentName(), "30");
    env.put(Setting.WORKER_DATABASE_CLIENT_LIMIT.environmentName(), "200");
    env.put(Setting.DATABASE_SERVER_SETTINGS.environmentName(), " ");
    env.put(Setting.WORKER_DATABASE_SERVER_SETTINGS.environmentName(), "work_mem=64MB");
    env.put(Setting.WORKER_DATABASE_POOL_MODE.environmentName(), "session");
    env.put(Setting.DATABASE_CHECK_POOL_MODE.environmentName(), "false");
    env.put(Setting.WORKER_DATABASE_CHECK_POOL_MODE.environmentName(), "FALSE");
    assertThat(env).hasSize(Setting.values().length);

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
      assertThat(ds.forRole(DbRole.WORKER).unwrap(com.zaxxer.hikari.HikariDataSource.class).getConnectionInitSql())
          .isEqualTo("SET work_mem TO '64MB'");
    }
  }
}
