package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ends of the programs' log files, for error messages and failed tests. */
final class LogFiles {

  private LogFiles() {
  }

  static void appendTailIfPresent(StringBuilder out, String label, Path file, int lines) {
    try {
      if (Files.size(file) > 0) {
        appendTail(out, label, file, lines);
      }
    } catch (IOException absent) {
      // nothing written there
    }
  }

  static void appendTail(StringBuilder out, String label, Path file, int lines) {
    out.append("==== ").append(label).append(" (").append(file).append(") ====\n");
    out.append(tail(file, lines));
  }

  static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no file)\n";
    }
    try {
      String[] all = new String(Files.readAllBytes(file), UTF_8).split("\\R");
      int from = Math.max(0, all.length - Math.max(0, lines));
      StringBuilder b = new StringBuilder();
      for (int i = from; i < all.length; i++) {
        b.append(all[i]).append('\n');
      }
      return b.length() == 0 ? "(empty)\n" : b.toString();
    } catch (IOException e) {
      return "(unreadable: " + e + ")\n";
    }
  }
}
