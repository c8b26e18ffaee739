package dev.ecr4j.policy.lifecycle;

import java.util.Arrays;

/**
 * A table of image tags laid out for scanning, so that matching a rule against a million tags reads
 * two dense arrays instead of a million scattered strings.
 *
 * <p>Each slot is a record of four longs in {@link #records}: the three keys of {@link TagMatcher},
 * which reject most entries with a few masked comparisons, then the tag's offset (high half) and
 * length (low half). A tag whose characters are all at most U+00FF is copied into {@link #chars},
 * one byte per character, at its offset, and is matched without touching the original string. A tag
 * with a wider character has a negative offset, {@code -(w + 1)}, where {@code w} is its index in
 * {@link #wideTags}; such tags are rare, and are matched as strings.
 *
 * <p>The arrays grow as tags are appended; slots are never removed.
 */
final class TagColumns {

  private static final int STRIDE = 4;

  long[] records;
  byte[] chars;
  String[] wideTags;

  /** The number of slots in use. */
  int size;

  /** The number of bytes of {@link #chars} in use. */
  int charCount;

  private int wideCount;

  TagColumns(int tagCapacity, int charCapacity) {
    records = new long[STRIDE * Math.max(1, tagCapacity)];
    chars = new byte[Math.max(1, charCapacity)];
    wideTags = new String[1];
  }

  /** Returns a table holding {@code tags} in order. */
  static TagColumns of(String... tags) {
    TagColumns columns = new TagColumns(tags.length, 16 * tags.length);
    for (String tag : tags) {
      columns.add(tag);
    }
    return columns;
  }

  long firstKey(int slot) {
    return records[STRIDE * slot];
  }

  long secondKey(int slot) {
    return records[STRIDE * slot + 1];
  }

  long endKey(int slot) {
    return records[STRIDE * slot + 2];
  }

  /** Returns the offset of the tag's characters in {@link #chars}, or a negative value if wide. */
  int offset(int slot) {
    return (int) (records[STRIDE * slot + 3] >> 32);
  }

  int length(int slot) {
    return (int) records[STRIDE * slot + 3];
  }

  /** Returns the tag in {@code slot}, which must be wide (a negative {@link #offset}). */
  String wideTag(int slot) {
    return wideTags[-offset(slot) - 1];
  }

  /** Appends {@code tag}, computing its keys. */
  void add(String tag) {
    int length = tag.length();
    reserveSlot();
    reserveChars(length);
    boolean narrow = true;
    for (int j = 0; j < length; j++) {
      char c = tag.charAt(j);
      if (c > 0xFF) {
        narrow = false;
        break;
      }
      chars[charCount + j] = (byte) c;
    }
    int offset;
    if (narrow) {
      offset = charCount;
      charCount += length;
    } else {
      offset = -(addWide(tag) + 1);
    }
    int record = STRIDE * size++;
    records[record] = TagMatcher.key(tag, 0);
    records[record + 1] = TagMatcher.key(tag, 1);
    records[record + 2] = TagMatcher.endKey(tag);
    records[record + 3] = ((long) offset << 32) | length;
  }

  /** Appends a copy of slot {@code slot} of {@code source}. */
  void copy(TagColumns source, int slot) {
    reserveSlot();
    int from = STRIDE * slot;
    int record = STRIDE * size++;
    System.arraycopy(source.records, from, records, record, STRIDE - 1);
    int length = source.length(slot);
    int offset = source.offset(slot);
    if (offset < 0) {
      offset = -(addWide(source.wideTag(slot)) + 1);
    } else {
      reserveChars(length);
      System.arraycopy(source.chars, offset, chars, charCount, length);
      offset = charCount;
      charCount += length;
    }
    records[record + 3] = ((long) offset << 32) | length;
  }

  /**
   * Returns the first character of the tag in {@code slot}, or 0 for an empty tag, reading the
   * string only for a wide tag.
   */
  int firstCharacter(int slot) {
    if (length(slot) == 0) {
      return 0;
    }
    int offset = offset(slot);
    return offset < 0 ? wideTag(slot).charAt(0) : chars[offset] & 0xFF;
  }

  /** Returns the number of bytes the tag in {@code slot} occupies in {@link #chars}, 0 if wide. */
  int charLength(int slot) {
    return offset(slot) < 0 ? 0 : length(slot);
  }

  private int addWide(String tag) {
    if (wideCount == wideTags.length) {
      wideTags = Arrays.copyOf(wideTags, 2 * wideCount);
    }
    wideTags[wideCount] = tag;
    return wideCount++;
  }

  private void reserveSlot() {
    if (STRIDE * (size + 1) > records.length) {
      records = Arrays.copyOf(records, STRIDE * Math.max(size + 1, size + (size >> 1)));
    }
  }

  private void reserveChars(int more) {
    if (charCount + more > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(charCount + more, charCount + (charCount >> 1)));
    }
  }
}
