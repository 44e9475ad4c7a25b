package io.weaver.dbrouting.benchmarks.burst;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the worker's and the API's {@code main} share: three arguments (the last one the result file), the coordinator's
 * commands on standard input, the result written at the end, exit code 0, or 1 with the stack trace in the log.
 */
final class ChildMain {
  /** A process's work: its first two arguments and the commands in, its result out. */
  @FunctionalInterface
  interface Body {
    Map<String, String> run(String first, String second, Commands commands) throws Exception;
  }

  private ChildMain() {}

  static void run(String[] args, String usage, Body body) {
    if (args.length != 3) {
      System.err.println("usage: " + usage);
      System.exit(2);
    }
    try {
      Map<String, String> result = body.run(args[0], args[1], Commands.listen());
      ResultFile.write(Path.of(args[2]), result);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }
}
