/** Message building blocks: setting errors in one shape, quoting, and which values are secrets. */
package io.weaver.dbrouting.internal.text;
