package io.weaver.dbrouting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A missing builder argument is a setting error that names the method, never a bare NullPointerException. */
class BuilderArgumentsTests {
  static Stream<Arguments> nullArguments() {
    return Stream.of(
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.poolSize(null, 1),
            "poolSize(DbRole, int): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.maxOverflow(null, 1),
            "maxOverflow(DbRole, int): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.processes(null, 1),
            "processes(DbRole, int): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.clientLimit(null, 1),
            "clientLimit(DbRole, int): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.poolMode(null, PoolMode.SESSION),
            "poolMode(DbRole, PoolMode): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.checkPoolMode(null, true),
            "checkPoolMode(DbRole, boolean): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.serverSetting(null, "jit", "off"),
            "serverSetting(DbRole, String, String): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.serverSetting(DbRole.API, null, "off"),
            "serverSetting(DbRole, String, String): the setting name is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.serverSetting(DbRole.API, "jit", null),
            "serverSetting(DbRole, String, String): the value is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.customizeHikari(DbRole.API, null),
            "customizeHikari(DbRole, Consumer): the customizer is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.customizeHikari(null, c -> { }),
            "customizeHikari(DbRole, Consumer): the role is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.environment((Map<String, String>) null),
            "environment(Map): the map is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.environment((Function<String, String>) null),
            "environment(Function): the lookup is null"),
        Arguments.of((Consumer<RoleAwareDataSource.Builder>) b -> b.environment(name -> null, null),
            "environment(Function, Function): the naming function is null"));
  }

  @ParameterizedTest
  @MethodSource("nullArguments")
  void aNullArgumentNamesTheMethodAndWhatIsMissing(Consumer<RoleAwareDataSource.Builder> call, String message) {
    assertThatThrownBy(() -> call.accept(RoleAwareDataSource.builder()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith(message)
        .hasMessageContaining("Fix: pass ");
  }
}
