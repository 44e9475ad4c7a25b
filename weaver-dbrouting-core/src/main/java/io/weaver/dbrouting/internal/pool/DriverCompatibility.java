package io.weaver.dbrouting.internal.pool;

import org.postgresql.Driver;

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

  /** What {@link #runtimeVersion} returns when no version can be read. */
  public static final String UNKNOWN_VERSION = "unknown";

  /** The version of the pgjdbc driver this library runs with, e.g. {@code 42.7.11}, or {@value #UNKNOWN_VERSION}. */
  public static String runtimeVersion() {
    return runtimeVersion(Driver.class);
  }

  /**
   * The version of the pgjdbc that {@code driverClass} ({@code org.postgresql.Driver}) was loaded from, read at run
   * time. {@code DriverInfo.DRIVER_VERSION} is a compile-time constant that javac copies into code compiled against
   * it, so it is read reflectively, through the driver's class loader; failing that, the jar manifest's
   * {@code Implementation-Version}; failing that, {@value #UNKNOWN_VERSION}. Never throws.
   */
  public static String runtimeVersion(Class<?> driverClass) {
    try {
      Class<?> info = Class.forName("org.postgresql.util.DriverInfo", false, driverClass.getClassLoader());
      if (info.getField("DRIVER_VERSION").get(null) instanceof String version && !version.isBlank()) {
        return version;
      }
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      // an unusual packaging of the driver: try its manifest
    }
    Package driverPackage = driverClass.getPackage();
    String version = driverPackage == null ? null : driverPackage.getImplementationVersion();
    return version == null || version.isBlank() ? UNKNOWN_VERSION : version;
  }

  /** True when {@code version} is a pgjdbc 42.7 release from 42.7.8 on, which names statements in getMetaData(). */
  public static boolean describeNamesStatements(String version) {
    String[] parts = version.split("[.-]", -1);
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
