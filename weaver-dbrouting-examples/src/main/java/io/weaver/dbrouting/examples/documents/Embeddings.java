package io.weaver.dbrouting.examples.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A deterministic, local stand-in for an embedding model: 8 numbers in [-1, 1] derived from the text's SHA-256. */
public final class Embeddings {
  public static final int DIMENSIONS = 8;

  private Embeddings() {}

  public static Float[] of(String text) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    Float[] vector = new Float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      int value = ((digest[4 * i] & 0xff) << 8) | (digest[4 * i + 1] & 0xff);
      vector[i] = value / 32767.5f - 1f;
    }
    return vector;
  }
}
