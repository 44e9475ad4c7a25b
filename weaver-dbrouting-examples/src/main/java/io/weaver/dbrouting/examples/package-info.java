/**
 * The examples' entry point and where their database comes from: the given {@code DATABASE_URL}, or a local test stack.
 */
@NullMarked
package io.weaver.dbrouting.examples;

import org.jspecify.annotations.NullMarked;
