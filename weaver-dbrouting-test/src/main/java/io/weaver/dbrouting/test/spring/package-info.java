/**
 * Spring TestContext support: test classes annotated with {@link io.weaver.dbrouting.test.PoolerStackTest} get the
 * stack's connection strings in their application context's environment. Loaded by Spring through
 * {@code META-INF/spring.factories} only, so the kit runs without Spring on the class path.
 */
@NullMarked
package io.weaver.dbrouting.test.spring;

import org.jspecify.annotations.NullMarked;
