/**
 * JMH benchmarks of {@code getConnection()} through a {@link io.weaver.dbrouting.RoleAwareDataSource}, raw HikariCP and
 * Spring's routing data source, over a stub JDBC driver.
 */
@NullMarked
package io.weaver.dbrouting.benchmarks;

import org.jspecify.annotations.NullMarked;
