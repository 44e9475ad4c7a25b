/**
 * Where pool connections come from: pgjdbc called directly, and on transaction-mode pools a connection wrapper that
 * keeps JDBC calls off the server session.
 */
@NullMarked
package io.weaver.dbrouting.internal.connection;

import org.jspecify.annotations.NullMarked;
