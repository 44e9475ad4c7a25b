/**
 * The machinery behind {@link io.weaver.dbrouting.test.PoolerStackTest}: which poolers run (local programs or
 * containers), the one shared instance per run, and the leak check. Not an API: it changes without notice.
 */
@NullMarked
package io.weaver.dbrouting.test.internal;

import org.jspecify.annotations.NullMarked;
