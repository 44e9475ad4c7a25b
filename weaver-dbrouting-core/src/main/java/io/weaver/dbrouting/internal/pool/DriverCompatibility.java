package io.weaver.dbrouting.internal.pool;

import org.postgresql.util.DriverInfo;

/**
 * Known pgjdbc defects that matter behind a transaction pooler.
 *
 * <p>pgjdbc 42.7.8 stopped describing statements as one-shot: {@code PreparedStatement#getMetaData()} before the first
 * execution names a server-side statement even with {@code prepareThreshold=0} (pgjdbc issue #3896). Behind a
 * transaction pooler that statement stays on a server connection another client gets next, which fails with
 * {@code prepared statement "S_n" already exists} or {@code ... does not exist}. 42.7.7 is the newest release checked
 * without the defect; 42.7.8 to 42.7.14 were checked with it.
 */
public final class DriverCompatibility {
  /** The newest pgjdbc release checked to keep {@code prepareThreshold=0} on every path. */
  public static final String NEWEST_SAFE_VERSION = "42.7.7";

  private DriverCompatibility() {}

  /** The pgjdbc version on the class path, e.g. {@code 42.7.7}. */
  public static String runtimeVersion() {
    return DriverInfo.DRIVER_VERSION;
  }

  /** True when {@code version} is a pgjdbc 42.7 release from 42.7.8 on, which names statements in getMetaData(). */
  public static boolean describeNamesStatements(String version) {
    String[] parts = version.split("[.-]");
    if (parts.length < 3) {
      return false;
    }
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      int patch = Integer.parseInt(parts[2]);
      return major == 42 && minor == 7 && patch >= 8;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
