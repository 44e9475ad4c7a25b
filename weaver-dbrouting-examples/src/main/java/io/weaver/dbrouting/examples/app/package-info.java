/**
 * A Spring Boot document service: its HTTP requests run on the API role, its background processing on the worker role.
 */
@NullMarked
package io.weaver.dbrouting.examples.app;

import org.jspecify.annotations.NullMarked;
