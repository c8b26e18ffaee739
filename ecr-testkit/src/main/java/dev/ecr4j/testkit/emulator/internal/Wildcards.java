package dev.ecr4j.testkit.emulator.internal;

/** Matches ECR's wildcard filters, where {@code *} stands for any run of characters. */
final class Wildcards {

  private Wildcards() {}

  /** Returns true when {@code text} matches {@code pattern} as a whole. */
  static boolean matches(String pattern, String text) {
    return matches(pattern, 0, text, 0);
  }

  private static boolean matches(String pattern, int p, String text, int t) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '*') {
        for (int next = t; next <= text.length(); next++) {
          if (matches(pattern, p + 1, text, next)) {
            return true;
          }
        }
        return false;
      }
      if (t >= text.length() || text.charAt(t) != c) {
        return false;
      }
      p++;
      t++;
    }
    return t == text.length();
  }
}
