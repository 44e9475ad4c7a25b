package io.weaver.dbrouting.test.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The words of a failed leak check: per server connection what was found, and which statements cause it. */
final class LeakReport {

  private LeakReport() {
  }

  /** Null when every server connection was clean. */
  static @Nullable String message(List<LeakCheck.ServerConnection> inspected, int poolSize) {
    List<LeakCheck.ServerConnection> leaky = inspected.stream().filter(c -> !c.leftovers().isEmpty()).toList();
    if (leaky.isEmpty()) {
      return null;
    }
    StringBuilder message = new StringBuilder()
        .append(leaky.size()).append(" of ").append(poolSize).append(" server connections of the transaction pooler ")
        .append("were left with session state after this test; the next client that gets one inherits it:");
    for (LeakCheck.ServerConnection connection : leaky) {
      message.append("\n  server connection (backend pid ").append(connection.backendPid()).append("):");
      for (Leftover leftover : connection.leftovers()) {
        message.append("\n    - ").append(leftover.describe());
      }
    }
    return message.append("\nweaver-dbrouting-test's leak check has cleaned these up. Turn it off for a test class ")
        .append("with @PoolerStackTest(leakCheck = false).").toString();
  }
}
