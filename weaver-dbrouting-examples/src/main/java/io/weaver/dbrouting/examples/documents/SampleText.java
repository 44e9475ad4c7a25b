package io.weaver.dbrouting.examples.documents;

import java.util.Random;

/** Deterministic sample documents, so every run processes the same text. */
public final class SampleText {
  private static final String[] WORDS = {
      "pooler", "session", "transaction", "statement", "prepared", "worker", "burst", "upload", "chunk", "vector",
      "latency", "connection", "server", "client", "slot", "queue", "retry", "commit", "index", "document"};

  private SampleText() {}

  /** About {@code words} words of text for document number {@code n}. */
  public static String document(int n, int words) {
    Random random = new Random(n);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : i % 12 == 0 ? ". " : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.append('.').toString();
  }
}
