package io.weaver.dbrouting;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Data sources built for unit tests from URLs of hosts that are never reached: building opens no connection. */
final class UnconnectedDataSources {

  static final String SESSION_URL = "postgresql://app:pw@db.example.com:5432/app";
  static final String TRANSACTION_URL = "postgresql://app:pw@db.example.com:6543/app";

  private UnconnectedDataSources() {
  }

  /** A data source from an environment given as name, value, name, value... */
  static RoleAwareDataSource build(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return RoleAwareDataSource.fromEnvironment(env);
  }

  /** The Hikari pool behind {@code role}. */
  static HikariDataSource pool(RoleAwareDataSource ds, DbRole role) throws SQLException {
    return ds.forRole(role).unwrap(HikariDataSource.class);
  }
}
