/**
 * A plain-JDBC document pipeline that ingests on the worker role and answers reads on the API role.
 */
@NullMarked
package io.weaver.dbrouting.examples.pipeline;

import org.jspecify.annotations.NullMarked;
