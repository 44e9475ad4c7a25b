/**
 * Role-aware PostgreSQL connection pools: {@link io.weaver.dbrouting.RoleAwareDataSource} and the types it is built
 * and configured with. Only {@code io.weaver.dbrouting} is exported; the {@code internal} packages are not part of the
 * API.
 */
@SuppressWarnings("requires-automatic") // pgjdbc has no module-info; org.postgresql.jdbc is its Automatic-Module-Name
module io.weaver.dbrouting {
  exports io.weaver.dbrouting;

  // RoleAwareDataSource is a javax.sql.DataSource; Builder#customizeHikari hands out a HikariConfig.
  requires transitive java.sql;
  requires transitive com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires org.slf4j;
  // The @Nullable in public signatures, for compilers and checkers of modules that read this one; not needed at run time.
  requires static transitive org.jspecify;
}
