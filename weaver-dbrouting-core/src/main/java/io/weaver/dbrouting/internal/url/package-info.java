/** Reading PostgreSQL connection strings into pgjdbc's terms without ever quoting a password. */
@NullMarked
package io.weaver.dbrouting.internal.url;

import org.jspecify.annotations.NullMarked;
