package dev.ecr4j.cli;

import java.util.Locale;

/**
 * Makes text from input files safe to print on a terminal. Messages and table cells can echo tags,
 * descriptions and bytes from those files. A control character such as ESC would otherwise be
 * interpreted by the terminal, and a bidirectional override such as U+202E would reorder what
 * follows it on the line.
 */
final class Printable {

  private Printable() {}

  /**
   * Replaces every character that can change how a terminal shows the text with a backslash-u
   * escape: ISO control characters (C0 and C1, line breaks included), Unicode format characters
   * (general category Cf, such as U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE and the
   * isolates U+2066 to U+2069), and unpaired surrogates. A format character outside the Basic
   * Multilingual Plane is escaped as its two UTF-16 code units.
   */
  static String escapeControlCharacters(String text) {
    StringBuilder escaped = null;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int end = i + Character.charCount(codePoint);
      if (!mustEscape(codePoint)) {
        if (escaped != null) {
          escaped.append(text, i, end);
        }
        i = end;
        continue;
      }
      if (escaped == null) {
        escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      for (int j = i; j < end; j++) {
        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) text.charAt(j)));
      }
      i = end;
    }
    return escaped == null ? text : escaped.toString();
  }

  /**
   * Returns true for the code points that {@link #escapeControlCharacters} escapes. {@link
   * String#codePointAt} returns an unpaired surrogate as itself, of category SURROGATE.
   */
  private static boolean mustEscape(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint)
        || type == Character.FORMAT
        || type == Character.SURROGATE;
  }
}
