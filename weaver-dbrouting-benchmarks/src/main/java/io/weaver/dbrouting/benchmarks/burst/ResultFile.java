package io.weaver.dbrouting.benchmarks.burst;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a worker or API process hands back to the coordinator: one {@code key=value} per line. Values hold no line
 * breaks (the writer refuses them).
 */
public final class ResultFile {
  private ResultFile() {}

  /** Writes {@code values} to {@code file}, replacing it. */
  public static void write(Path file, Map<String, String> values) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (entry.getKey().contains("=") || (entry.getKey() + entry.getValue()).contains("\n")) {
        throw new IllegalArgumentException("result key " + entry.getKey() + " or its value cannot be written");
      }
      text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
    }
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, text, UTF_8);
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads a file {@link #write} wrote. */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, UTF_8)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return values;
  }
}
