/**
 * Spring Boot auto-configuration that makes a {@link io.weaver.dbrouting.RoleAwareDataSource} the application's {@code
 * DataSource}, maps {@code weaver.dbrouting.*} onto its builder and gives each role its own beans.
 */
@NullMarked
package io.weaver.dbrouting.spring;

import org.jspecify.annotations.NullMarked;
