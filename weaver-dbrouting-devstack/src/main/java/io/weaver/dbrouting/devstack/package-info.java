/**
 * A throw-away PostgreSQL with a session-mode and a transaction-mode PgBouncer on loopback (and a TLS PostgreSQL),
 * started and cleaned up by the tests and the examples.
 */
@NullMarked
package io.weaver.dbrouting.devstack;

import org.jspecify.annotations.NullMarked;
