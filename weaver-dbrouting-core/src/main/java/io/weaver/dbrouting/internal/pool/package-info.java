/**
 * What each pool gets: pgjdbc and HikariCP settings per mode, the rules a transaction-mode pool enforces, server
 * settings, driver compatibility, and the factory that builds a role's pool.
 */
@NullMarked
package io.weaver.dbrouting.internal.pool;

import org.jspecify.annotations.NullMarked;
