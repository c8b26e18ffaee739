package dev.ecr4j.policy.registry;

import java.util.Random;

/** Random strings for the round-trip tests. */
final class RandomText {

  private RandomText() {}

  /** Returns 1 to 12 characters drawn from {@code alphabet}. */
  static String word(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Returns one of {@code values}, chosen at random. */
  static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Returns free text with quotes, escapes, control characters and characters beyond ASCII. */
  static String text(Random random) {
    return word(random, "abc XYZ019\"\\\n\t\u00e9\u2603");
  }
}
