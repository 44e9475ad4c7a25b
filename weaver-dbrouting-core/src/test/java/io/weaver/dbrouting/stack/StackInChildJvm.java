package io.weaver.dbrouting.stack;

import io.weaver.dbrouting.devstack.Endpoint;
import io.weaver.dbrouting.devstack.PoolerStack;

/**
 * Starts a {@link PoolerStack} with its TRANSACTION PgBouncer frozen, prints one line saying where everything is,
 * and waits to be killed: the child process of {@link KilledJvmLeavesNothingBehindIT}.
 */
public final class StackInChildJvm {

  static final String READY = "stack-ready";

  private StackInChildJvm() {
  }

  public static void main(String[] args) throws Exception {
    PoolerStack stack = PoolerStack.start();
    stack.freezeBouncer(Endpoint.TRANSACTION);
    System.out.println(String.join(" ", READY, stack.directory().toString(),
        Integer.toString(stack.port(Endpoint.DIRECT)), Integer.toString(stack.port(Endpoint.SESSION)),
        Integer.toString(stack.port(Endpoint.TRANSACTION)), Long.toString(stack.bouncerPid(Endpoint.SESSION)),
        Long.toString(stack.bouncerPid(Endpoint.TRANSACTION))));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
