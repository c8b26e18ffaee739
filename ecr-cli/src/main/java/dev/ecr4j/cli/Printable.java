package dev.ecr4j.cli;

import java.util.Locale;

/**
 * Makes text from input files safe to print on a terminal. Messages and table cells can echo tags,
 * descriptions and bytes from those files, and a control character such as ESC would otherwise be
 * interpreted by the terminal.
 */
final class Printable {

  private Printable() {}

  /** Replaces every ISO control character, line breaks included, with a backslash-u escape. */
  static String escapeControlCharacters(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c)) {
        if (escaped != null) {
          escaped.append(c);
        }
        continue;
      }
      if (escaped == null) {
        escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    return escaped == null ? text : escaped.toString();
  }
}
