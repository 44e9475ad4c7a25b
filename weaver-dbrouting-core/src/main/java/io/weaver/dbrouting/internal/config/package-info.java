/**
 * Settings as given (builder, environment or framework), their reading and checking, and the pure step that resolves
 * each role's endpoint, mode and sizes.
 */
@NullMarked
package io.weaver.dbrouting.internal.config;

import org.jspecify.annotations.NullMarked;
