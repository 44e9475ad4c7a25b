package io.weaver.dbrouting.internal.url;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict RFC 3986 percent-decoding into UTF-8. */
final class PercentDecoder {
  /** Why a value could not be decoded, with no part of the value in it (the value may be a password). */
  static final class MalformedEscapeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One-based position of the broken '%', or 0 when the escapes are well-formed but not UTF-8. */
    private final int position;

    MalformedEscapeException(String reason, int position) {
      super(reason, null, false, false);
      this.position = position;
    }

    /**
     * What is wrong; with {@code showPosition}, also where. The position of a '%' is itself a piece of the value, so
     * it is left out for a value that may be a password.
     */
    String describe(boolean showPosition) {
      if (position == 0) {
        return String.valueOf(getMessage());
      }
      return (showPosition ? "a '%' at character " + position : "a '%'") + " " + getMessage();
    }
  }

  private PercentDecoder() {}

  /**
   * Decodes {@code %XX} escapes (upper- or lower-case hex). A {@code +} stays a {@code +} unless {@code plusIsSpace}
   * (form encoding, which pgjdbc applies to its own URL parameters).
   */
  static String decode(String raw, boolean plusIsSpace) throws MalformedEscapeException {
    if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          throw new MalformedEscapeException("is not followed by two hexadecimal digits", i + 1);
        }
        bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
          encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEscapeException("its %-escapes do not decode to UTF-8 text", 0);
    }
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
