package io.weaver.dbrouting.examples;

import io.weaver.dbrouting.examples.app.DocumentsApplication;
import io.weaver.dbrouting.examples.pipeline.PipelineCommand;
import java.util.Arrays;

/** Entry point of the examples jar: {@code pipeline [--documents N]} or {@code app}. */
public final class Examples {
  private Examples() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "pipeline" -> System.exit(PipelineCommand.run(rest, System.out));
      case "app" -> DocumentsApplication.main(rest);
      default -> {
        System.err.println("usage: java -jar weaver-dbrouting-examples.jar pipeline [--documents N]");
        System.err.println("       java -jar weaver-dbrouting-examples.jar app");
        System.exit(2);
      }
    }
  }
}
