/**
 * A small Boot application that the integration tests start to see which role's pool serves a request, a {@code
 * @UseDbRole} method and an executor task.
 */
@NullMarked
package io.weaver.dbrouting.spring.app;

import org.jspecify.annotations.NullMarked;
