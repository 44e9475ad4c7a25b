/** Message building blocks: setting errors in one shape, quoting, and which values are secrets. */
@NullMarked
package io.weaver.dbrouting.internal.text;

import org.jspecify.annotations.NullMarked;
