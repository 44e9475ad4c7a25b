/** Reading PostgreSQL connection strings into pgjdbc's terms without ever quoting a password. */
package io.weaver.dbrouting.internal.url;
