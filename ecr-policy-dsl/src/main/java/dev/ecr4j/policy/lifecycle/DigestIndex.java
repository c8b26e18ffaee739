package dev.ecr4j.policy.lifecycle;

import java.util.List;

/**
 * Maps each image digest to the image's position in the input, in one open-addressing table of
 * ints. A repository can hold a million images, and a {@code HashMap<String, Integer>} would
 * allocate an entry and a boxed integer for each of them on every evaluation.
 */
final class DigestIndex {

  private final List<LifecycleImage> images;
  // Each slot contains the digest's hash code in the high half and the image index + 1 in the low
  // half, or 0 when empty: one probe reads one long, which matters when the table is far larger
  // than the cache.
  private final long[] slots;
  private final int mask;

  DigestIndex(List<LifecycleImage> images) {
    this.images = images;
    int capacity = Integer.highestOneBit(Math.max(16, images.size() * 2 - 1)) << 1;
    slots = new long[capacity];
    mask = capacity - 1;
  }

  /**
   * Adds the digest of image {@code index}.
   *
   * @return the index of an earlier image with the same digest, or -1
   */
  int add(int index) {
    String digest = images.get(index).digest();
    int hash = digest.hashCode();
    int slot = spread(hash) & mask;
    long entry;
    while ((entry = slots[slot]) != 0) {
      int other = (int) entry - 1;
      if ((int) (entry >>> 32) == hash && images.get(other).digest().equals(digest)) {
        return other;
      }
      slot = (slot + 1) & mask;
    }
    slots[slot] = ((long) hash << 32) | (index + 1);
    return -1;
  }

  /** Returns the index of the image with {@code digest}, or -1 when there is none. */
  int indexOf(String digest) {
    int hash = digest.hashCode();
    int slot = spread(hash) & mask;
    long entry;
    while ((entry = slots[slot]) != 0) {
      int other = (int) entry - 1;
      // Comparing the stored hash first avoids reading another image's digest on most probes.
      if ((int) (entry >>> 32) == hash && images.get(other).digest().equals(digest)) {
        return other;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** Mixes the high bits of a hash code into the low ones, which select the slot. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
