package io.weaver.dbrouting.examples.documents;

import java.util.ArrayList;
import java.util.List;

/** Splits text into chunks of at most {@link #MAX_CHARS} characters, at word boundaries. */
public final class Chunker {
  public static final int MAX_CHARS = 200;

  private Chunker() {}

  public static List<String> split(String text) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.strip().split("\\s+", -1)) {
      if (word.isEmpty()) {
        continue;
      }
      if (current.length() > 0 && current.length() + 1 + word.length() > MAX_CHARS) {
        chunks.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(word.length() > MAX_CHARS ? word.substring(0, MAX_CHARS) : word);
    }
    if (current.length() > 0) {
      chunks.add(current.toString());
    }
    return chunks;
  }
}
