package dev.ecr4j.policy.registry;

/**
 * Matches a whole string against a pattern in which {@code *} stands for any run of characters,
 * including none. Every other character matches only itself, and case matters.
 */
final class Wildcard {

  private Wildcard() {}

  /** Returns true when {@code pattern} matches all of {@code text}. */
  static boolean matches(String pattern, String text) {
    String[] segments = pattern.split("\\*", -1);
    if (segments.length == 1) {
      return pattern.equals(text);
    }

    // The first segment must start the text and the last must end it. Taking the leftmost
    // occurrence of each middle segment is always safe, because it leaves the most room for the
    // segments after it.
    String head = segments[0];
    String tail = segments[segments.length - 1];
    if (text.length() < head.length() + tail.length()
        || !text.startsWith(head)
        || !text.endsWith(tail)) {
      return false;
    }
    int position = head.length();
    int end = text.length() - tail.length();
    for (int i = 1; i < segments.length - 1; i++) {
      String segment = segments[i];
      if (segment.isEmpty()) {
        continue;
      }
      int found = text.indexOf(segment, position);
      if (found < 0 || found + segment.length() > end) {
        return false;
      }
      position = found + segment.length();
    }
    return true;
  }
}
