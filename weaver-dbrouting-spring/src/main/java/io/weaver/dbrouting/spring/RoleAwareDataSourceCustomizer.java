package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.RoleAwareDataSource;

/**
 * Adjusts the {@link RoleAwareDataSource.Builder} after the {@code weaver.dbrouting} properties were applied. Beans of
 * this type run in {@link org.springframework.core.annotation.Order @Order}; a customizer can reach any HikariCP
 * setting through {@link RoleAwareDataSource.Builder#customizeHikari}.
 */
@FunctionalInterface
public interface RoleAwareDataSourceCustomizer {
  /** Changes {@code builder}, which already holds the properties' settings. */
  void customize(RoleAwareDataSource.Builder builder);
}
