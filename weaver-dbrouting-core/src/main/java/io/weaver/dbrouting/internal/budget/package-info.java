/** The connection budget: clients each endpoint may see from every process's pools, against its client limit. */
@NullMarked
package io.weaver.dbrouting.internal.budget;

import org.jspecify.annotations.NullMarked;
