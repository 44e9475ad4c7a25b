/** Deciding a role's pooler mode (session or transaction) and the reason for it. */
@NullMarked
package io.weaver.dbrouting.internal.mode;

import org.jspecify.annotations.NullMarked;
