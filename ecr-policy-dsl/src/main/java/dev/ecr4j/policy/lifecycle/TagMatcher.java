package dev.ecr4j.policy.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an image's tags satisfy a rule's tag list, the way ECR does: every entry of the
 * list must match at least one of the tags (AND), and different entries may be matched by different
 * tags. A pattern matches a whole tag, {@code *} standing for any run of characters, including
 * none; a prefix matches the start of a tag. Matching is case-sensitive.
 *
 * <p>The evaluator tests every tagged rule against every image, and most tests fail. To make a
 * failing test cheap, the first 16 and the last 8 characters of each tag are packed into three
 * {@code long} keys once per evaluation ({@link #key}, {@link #endKey}), kept with the tag's bytes
 * in a {@link TagColumns} table. An entry compares its literal start and end against the keys with
 * masked comparisons. When an entry has no inner segments and its start and end fit in the keys,
 * the keys and the tag's length decide the match. Other entries then compare bytes. Only tags with
 * a character above U+00FF are matched as strings.
 */
final class TagMatcher {

  /**
   * The key of a tag whose first 16 characters do not fit in 8 bits each; it is never rejected
   * early.
   */
  static final long UNKNOWN_KEY = -1L;

  private final Entry[] entries;

  private TagMatcher(List<Entry> entries) {
    this.entries = entries.toArray(new Entry[0]);
  }

  static TagMatcher of(Selection selection) {
    List<Entry> entries = new ArrayList<>();
    for (String pattern : selection.tagPatternList()) {
      entries.add(Entry.pattern(pattern));
    }
    for (String prefix : selection.tagPrefixList()) {
      entries.add(Entry.prefix(prefix));
    }
    return new TagMatcher(entries);
  }

  /**
   * Packs characters {@code 8 * chunk} to {@code 8 * chunk + 7} of {@code text} into a long, one
   * byte each, first character highest; missing characters are zero.
   *
   * @return the key, or {@link #UNKNOWN_KEY} when one of those characters is above U+00FF
   */
  static long key(String text, int chunk) {
    long key = 0;
    int start = chunk * 8;
    for (int j = 0; j < 8; j++) {
      int index = start + j;
      int c = index < text.length() ? text.charAt(index) : 0;
      if (c > 0xFF) {
        return UNKNOWN_KEY;
      }
      key |= (long) c << (8 * (7 - j));
    }
    return key;
  }

  /**
   * Packs the last 8 characters of {@code text} into a long, one byte each, last character lowest;
   * missing characters are zero.
   *
   * @return the key, or {@link #UNKNOWN_KEY} when one of those characters is above U+00FF
   */
  static long endKey(String text) {
    long key = 0;
    int length = text.length();
    for (int j = 0; j < 8 && j < length; j++) {
      int c = text.charAt(length - 1 - j);
      if (c > 0xFF) {
        return UNKNOWN_KEY;
      }
      key |= (long) c << (8 * j);
    }
    return key;
  }

  /** Returns true when every entry matches at least one of {@code tags}. */
  boolean matches(String[] tags) {
    return matches(TagColumns.of(tags), 0, tags.length);
  }

  /**
   * Returns true when every entry matches at least one of the tags in slots {@code from} to {@code
   * to - 1} of {@code tags}.
   */
  boolean matches(TagColumns tags, int from, int to) {
    if (from == to) {
      return false;
    }
    for (Entry entry : entries) {
      boolean matched = false;
      for (int t = from; t < to; t++) {
        if (entry.matches(tags, t)) {
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

  /**
   * Returns the first character of every entry that starts with a literal character. A matching
   * image has, for each of them, a tag that starts with that character.
   */
  char[] leadingCharacters() {
    StringBuilder characters = new StringBuilder();
    for (Entry entry : entries) {
      if (!entry.head.isEmpty()) {
        characters.append(entry.head.charAt(0));
      }
    }
    return characters.toString().toCharArray();
  }

  /** Returns true when {@code pattern} matches the whole of {@code tag}. */
  static boolean matchesPattern(String pattern, String tag) {
    return Entry.pattern(pattern).matches(tag);
  }

  /**
   * One entry of a tag list, split at its wildcards into literal segments. A prefix {@code p} is
   * the pattern {@code p*}. The first segment must start the tag, the last must end it, and the
   * middle ones must appear in order in between. Taking the leftmost occurrence of each middle
   * segment is always safe, because it leaves the most room for the rest.
   */
  private static final class Entry {
    private final String head;
    private final String[] middle;
    private final String tail;
    private final boolean hasWildcard;
    private final int minLength;

    // The literal segments one byte per character, or null when one has a character above U+00FF
    // and so can never match a narrow tag (see TagColumns).
    private final byte @Nullable [] headBytes;
    private final byte @Nullable [] tailBytes;
    private final byte @Nullable [][] middleBytes;

    // True when the keys and the length alone decide a narrow tag: no inner segments, and a head
    // and tail short enough to lie wholly inside the keys.
    private final boolean decidedByKeys;

    // The head's first 16 characters as two keys, and masks selecting the bytes they occupy.
    private final long firstKey;
    private final long firstMask;
    private final long secondKey;
    private final long secondMask;

    // The tail's last 8 characters as a key, and a mask selecting the bytes they occupy.
    private final long endKey;
    private final long endMask;

    private Entry(String head, String[] middle, String tail, boolean hasWildcard, int minLength) {
      this.head = head;
      this.middle = middle;
      this.tail = tail;
      this.hasWildcard = hasWildcard;
      this.minLength = minLength;
      this.headBytes = narrow(head);
      this.tailBytes = narrow(tail);
      byte[][] segments = new byte[middle.length][];
      boolean allNarrow = headBytes != null && tailBytes != null;
      for (int i = 0; i < middle.length && allNarrow; i++) {
        byte[] segment = narrow(middle[i]);
        if (segment == null) {
          allNarrow = false;
        } else {
          segments[i] = segment;
        }
      }
      this.middleBytes = allNarrow ? segments : null;
      this.decidedByKeys =
          allNarrow
              && middle.length == 0
              && head.length() <= 16
              && (hasWildcard ? tail.length() <= 8 : head.length() <= 16);

      long first = key(head, 0);
      long second = key(head, 1);
      if (first == UNKNOWN_KEY || second == UNKNOWN_KEY) {
        firstKey = 0;
        firstMask = 0;
        secondKey = 0;
        secondMask = 0;
      } else {
        firstMask = mask(Math.min(head.length(), 8));
        secondMask = mask(Math.max(0, Math.min(head.length() - 8, 8)));
        firstKey = first & firstMask;
        secondKey = second & secondMask;
      }

      // Only a pattern with a wildcard has a tail that must end the tag; a literal's head does.
      String end = hasWildcard ? tail : head;
      long last = endKey(end);
      if (last == UNKNOWN_KEY) {
        endKey = 0;
        endMask = 0;
      } else {
        int bytes = Math.min(end.length(), 8);
        endMask = bytes == 8 ? -1L : (1L << (8 * bytes)) - 1;
        endKey = last & endMask;
      }
    }

    /** Returns a mask of the highest {@code bytes} bytes of a long. */
    private static long mask(int bytes) {
      return bytes == 0 ? 0 : -1L << (8 * (8 - bytes));
    }

    static Entry prefix(String prefix) {
      return new Entry(prefix, new String[0], "", true, prefix.length());
    }

    static Entry pattern(String pattern) {
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
        return new Entry(pattern, new String[0], "", false, pattern.length());
      }
      String head = segments.get(0);
      String tail = segments.get(segments.size() - 1);
      String[] middle =
          segments.subList(1, segments.size() - 1).stream()
              .filter(segment -> !segment.isEmpty())
              .toArray(String[]::new);
      int minLength = pattern.length() - (segments.size() - 1);
      return new Entry(head, middle, tail, true, minLength);
    }

    /** Returns false when the tag's keys show that its start or end cannot match. */
    boolean mayMatch(long tagFirstKey, long tagSecondKey, long tagEndKey) {
      if (tagFirstKey == UNKNOWN_KEY || tagSecondKey == UNKNOWN_KEY || tagEndKey == UNKNOWN_KEY) {
        return true;
      }
      return (tagFirstKey & firstMask) == firstKey
          && (tagSecondKey & secondMask) == secondKey
          && (tagEndKey & endMask) == endKey;
    }

    /** Returns the characters of {@code text} one byte each, or null if one is above U+00FF. */
    private static byte @Nullable [] narrow(String text) {
      byte[] bytes = new byte[text.length()];
      for (int i = 0; i < bytes.length; i++) {
        char c = text.charAt(i);
        if (c > 0xFF) {
          return null;
        }
        bytes[i] = (byte) c;
      }
      return bytes;
    }

    /** Returns true when this entry matches the tag in {@code slot} of {@code tags}. */
    boolean matches(TagColumns tags, int slot) {
      int offset = tags.offset(slot);
      if (offset < 0) {
        return matches(tags.wideTag(slot));
      }
      if (!mayMatch(tags.firstKey(slot), tags.secondKey(slot), tags.endKey(slot))) {
        return false;
      }
      int length = tags.length(slot);
      boolean lengthFits = hasWildcard ? length >= minLength : length == head.length();
      if (!lengthFits) {
        return false;
      }
      if (decidedByKeys) {
        return true;
      }

      byte[] start = headBytes;
      byte[] finish = tailBytes;
      byte[][] inner = middleBytes;
      if (start == null || finish == null || inner == null) {
        return false; // a character above U+00FF cannot appear in a narrow tag
      }

      byte[] chars = tags.chars;
      int end = offset + length;
      if (!regionMatches(chars, offset, start)
          || !regionMatches(chars, end - finish.length, finish)) {
        return false;
      }
      int position = offset + start.length;
      int limit = end - finish.length;
      for (byte[] segment : inner) {
        int found = indexOf(chars, segment, position, limit);
        if (found < 0) {
          return false;
        }
        position = found + segment.length;
      }
      return true;
    }

    private static boolean regionMatches(byte[] chars, int offset, byte[] segment) {
      for (int i = 0; i < segment.length; i++) {
        if (chars[offset + i] != segment[i]) {
          return false;
        }
      }
      return true;
    }

    /** Returns where {@code segment} first lies wholly in {@code [from, limit)}, or -1. */
    private static int indexOf(byte[] chars, byte[] segment, int from, int limit) {
      int last = limit - segment.length;
      for (int start = from; start <= last; start++) {
        if (regionMatches(chars, start, segment)) {
          return start;
        }
      }
      return -1;
    }

    boolean matches(String tag) {
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
