/** Deciding a role's pooler mode (session or transaction) and the reason for it. */
package io.weaver.dbrouting.internal.mode;
