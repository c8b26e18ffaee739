package dev.ecr4j.policy.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether an image's tags satisfy a rule's tag list, the way ECR does: every entry of the
 * list must match at least one of the tags (AND), and different entries may be matched by different
 * tags. A pattern matches a whole tag, {@code *} standing for any run of characters, including
 * none; a prefix matches the start of a tag. Matching is case-sensitive.
 */
final class TagMatcher {

  private final Entry[] entries;

  private TagMatcher(List<Entry> entries) {
    this.entries = entries.toArray(new Entry[0]);
  }

  static TagMatcher of(Selection selection) {
    List<Entry> entries = new ArrayList<>();
    for (String pattern : selection.tagPatternList()) {
      entries.add(Pattern.compile(pattern));
    }
    for (String prefix : selection.tagPrefixList()) {
      entries.add(new Prefix(prefix));
    }
    return new TagMatcher(entries);
  }

  /** Returns true when every entry matches at least one of {@code tags}. */
  boolean matches(String[] tags) {
    if (tags.length == 0) {
      return false;
    }
    for (Entry entry : entries) {
      boolean matched = false;
      for (String tag : tags) {
        if (entry.matches(tag)) {
          matched = true;
          break;
        }
      }
      if (!matched) {
        return false;
      }
    }
    return true;
  }

  /** Returns true when {@code pattern} matches the whole of {@code tag}. */
  static boolean matchesPattern(String pattern, String tag) {
    return Pattern.compile(pattern).matches(tag);
  }

  private interface Entry {
    boolean matches(String tag);
  }

  private record Prefix(String prefix) implements Entry {
    @Override
    public boolean matches(String tag) {
      return tag.startsWith(prefix);
    }
  }

  /**
   * A pattern split at its wildcards into literal segments. The first segment must start the tag,
   * the last must end it, and the middle ones must appear in order in between. Taking the leftmost
   * occurrence of each middle segment is always safe, because it leaves the most room for the rest.
   */
  private record Pattern(
      String head, String[] middle, String tail, boolean hasWildcard, int minLength)
      implements Entry {

    static Pattern compile(String pattern) {
      List<String> segments = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < pattern.length(); i++) {
        if (pattern.charAt(i) == '*') {
          segments.add(pattern.substring(start, i));
          start = i + 1;
        }
      }
      segments.add(pattern.substring(start));
      if (segments.size() == 1) {
        return new Pattern(pattern, new String[0], "", false, pattern.length());
      }
      String head = segments.get(0);
      String tail = segments.get(segments.size() - 1);
      String[] middle =
          segments.subList(1, segments.size() - 1).stream()
              .filter(segment -> !segment.isEmpty())
              .toArray(String[]::new);
      int minLength = pattern.length() - (segments.size() - 1);
      return new Pattern(head, middle, tail, true, minLength);
    }

    @Override
    public boolean matches(String tag) {
      if (!hasWildcard) {
        return tag.equals(head);
      }
      if (tag.length() < minLength || !tag.startsWith(head) || !tag.endsWith(tail)) {
        return false;
      }
      int position = head.length();
      int end = tag.length() - tail.length();
      for (String segment : middle) {
        int found = tag.indexOf(segment, position);
        if (found < 0 || found + segment.length() > end) {
          return false;
        }
        position = found + segment.length();
      }
      return true;
    }
  }
}
