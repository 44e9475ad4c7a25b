/**
 * A Boot application with JPA next to JDBC, for the tests of isolation levels on the worker role.
 */
@NullMarked
package io.weaver.dbrouting.spring.jpa;

import org.jspecify.annotations.NullMarked;
