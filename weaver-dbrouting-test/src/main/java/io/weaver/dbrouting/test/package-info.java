/**
 * Test support for services that reach PostgreSQL through a session-mode and a transaction-mode pooler:
 * {@link io.weaver.dbrouting.test.PoolerStackTest} starts PostgreSQL with both PgBouncers once per test run, hands
 * tests their connection strings ({@link io.weaver.dbrouting.test.PoolerUrls}) and checks after each test that no
 * server connection of the transaction pooler was left with session state.
 */
@NullMarked
package io.weaver.dbrouting.test;

import org.jspecify.annotations.NullMarked;
