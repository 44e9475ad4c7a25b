package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
      List<String> all = new String(Files.readAllBytes(file), UTF_8).lines().toList();
      int from = Math.max(0, all.size() - Math.max(0, lines));
      StringBuilder b = new StringBuilder();
      for (String line : all.subList(from, all.size())) {
        b.append(line).append('\n');
      }
      return b.length() == 0 ? "(empty)\n" : b.toString();
    } catch (IOException e) {
      return "(unreadable: " + e + ")\n";
    }
  }
}
