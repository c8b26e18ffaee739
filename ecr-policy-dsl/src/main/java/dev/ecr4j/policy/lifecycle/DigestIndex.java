package dev.ecr4j.policy.lifecycle;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds repeated digests among a repository's images, and the positions of the few digests that
 * manifest lists and referrers point to.
 *
 * <p>A repository can hold a million images. A hash table of every digest would cost a cache miss
 * per image on insert, so duplicates are found by sorting the digests' hash codes instead, with a
 * radix sort that reads and writes memory sequentially. Lookups are only needed for the digests
 * that images reference, which are few, so only those go into a hash table.
 *
 * <p>Use: {@link #add} every image in input order, {@link #reference} every digest that {@link
 * #indexOf} will be asked for, then {@link #finish} once.
 */
final class DigestIndex {

  private final List<LifecycleImage> images;
  private final int[] hashes;

  // The referenced digests in an open-addressing table, with the input position of each, or -1.
  private String[] referenced;
  private int[] positions;
  private int referencedCount;

  DigestIndex(List<LifecycleImage> images) {
    this.images = images;
    this.hashes = new int[images.size()];
    this.referenced = new String[16];
    this.positions = new int[16];
  }

  /** Records the digest of image {@code index}. */
  void add(int index, String digest) {
    hashes[index] = digest.hashCode();
  }

  /** Records a digest that {@link #indexOf} will be asked for. */
  void reference(String digest) {
    if (2 * (referencedCount + 1) > referenced.length) {
      grow();
    }
    if (insert(referenced, digest)) {
      referencedCount++;
    }
  }

  /**
   * Finds the positions of the referenced digests and the first repeated digest.
   *
   * @return the positions of two images with the same digest, the earlier one first, or null when
   *     every digest is unique. Of several such pairs, the one whose later image comes first wins.
   */
  int @Nullable [] finish() {
    positions = new int[referenced.length];
    Arrays.fill(positions, -1);
    if (referencedCount > 0) {
      int mask = referenced.length - 1;
      for (int i = 0; i < hashes.length; i++) {
        int slot = spread(hashes[i]) & mask;
        String candidate;
        while ((candidate = referenced[slot]) != null) {
          if (candidate.hashCode() == hashes[i] && candidate.equals(images.get(i).digest())) {
            if (positions[slot] < 0) {
              positions[slot] = i;
            }
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
    }
    return firstDuplicate();
  }

  /**
   * Returns the position of the image with {@code digest}, or -1 when there is none. Only digests
   * passed to {@link #reference} are found.
   */
  int indexOf(String digest) {
    int mask = referenced.length - 1;
    int slot = spread(digest.hashCode()) & mask;
    String candidate;
    while ((candidate = referenced[slot]) != null) {
      if (candidate.equals(digest)) {
        return positions[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** Sorts (hash, position) pairs by hash and compares the digests of equal hashes. */
  private int @Nullable [] firstDuplicate() {
    int n = hashes.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) hashes[i] << 32) | i;
    }
    keys = radixSortByHighHalf(keys);

    int @Nullable [] best = null;
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && (int) (keys[end] >>> 32) == (int) (keys[start] >>> 32)) {
        end++;
      }
      // Within a run of equal hashes the positions ascend, because the sort is stable.
      for (int later = start + 1; later < end; later++) {
        int laterIndex = (int) keys[later];
        if (best != null && laterIndex >= best[1]) {
          break;
        }
        String digest = images.get(laterIndex).digest();
        for (int earlier = start; earlier < later; earlier++) {
          int earlierIndex = (int) keys[earlier];
          if (images.get(earlierIndex).digest().equals(digest)) {
            best = new int[] {earlierIndex, laterIndex};
            break;
          }
        }
      }
      start = end;
    }
    return best;
  }

  /**
   * Sorts {@code keys} by their high 32 bits, keeping the order of equal ones: two passes of a
   * least-significant-digit radix sort on 16 bits each.
   */
  private static long[] radixSortByHighHalf(long[] keys) {
    long[] source = keys;
    long[] target = new long[keys.length];
    int[] counts = new int[1 << 16];
    for (int shift = 32; shift < 64; shift += 16) {
      Arrays.fill(counts, 0);
      for (long key : source) {
        counts[(int) (key >>> shift) & 0xFFFF]++;
      }
      int sum = 0;
      for (int digit = 0; digit < counts.length; digit++) {
        int count = counts[digit];
        counts[digit] = sum;
        sum += count;
      }
      for (long key : source) {
        target[counts[(int) (key >>> shift) & 0xFFFF]++] = key;
      }
      long[] swap = source;
      source = target;
      target = swap;
    }
    return source;
  }

  /** Adds {@code digest} to {@code table} unless present, and returns whether it was added. */
  private static boolean insert(String[] table, String digest) {
    int mask = table.length - 1;
    int slot = spread(digest.hashCode()) & mask;
    String candidate;
    while ((candidate = table[slot]) != null) {
      if (candidate.equals(digest)) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = digest;
    return true;
  }

  private void grow() {
    String[] larger = new String[2 * referenced.length];
    for (String digest : referenced) {
      if (digest != null) {
        insert(larger, digest);
      }
    }
    referenced = larger;
  }

  /** Mixes the high bits of a hash code into the low ones, which select the slot. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
