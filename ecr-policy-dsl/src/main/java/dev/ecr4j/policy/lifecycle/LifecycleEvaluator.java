package dev.ecr4j.policy.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Computes what one ECR lifecycle run does to a repository's images, following ECR's documented
 * evaluation rules.
 *
 * <ol>
 *   <li>Rules are applied in ascending {@code rulePriority}. Each rule selects only from the images
 *       of its storage class: active images for {@code standard}, archived images for {@code
 *       archive}. Images being restored ({@code ACTIVATING}) are seen by no rule.
 *   <li>A rule selects images by tag status and tag list (every entry must match one of the image's
 *       tags). Among the selected images it acts on those past its count ({@code
 *       imageCountMoreThan}, newest first) or older than its age limit ({@code since*}).
 *   <li>An image selected by a rule is claimed by it, even when the rule keeps it: no rule with a
 *       higher number may act on it. Lower rules still count claimed images when ranking, as if
 *       they had not been expired.
 *   <li>An image referenced by a manifest list is not ranked or acted on while that list remains
 *       (for an active image, while the list is active). A referrer whose subject is in the
 *       repository is not ranked either: it is expired or archived together with its subject.
 * </ol>
 *
 * <p>Choices where ECR's behaviour is not documented:
 *
 * <ul>
 *   <li>Age limits are strict and exact: an image is older than N days when more than N times 24
 *       hours have passed since its reference time; calendar days and time zones play no part.
 *   <li>Images with equal push times are ranked by their position in the input: a later one counts
 *       as newer, as if pushed after the earlier one. ECR's worked example with two images pushed
 *       "1 day ago" keeps the one it lists last.
 *   <li>The push time of an image restored from the archive is its {@code lastActivatedAt}; its
 *       pull reference is the latest of the last pull, the restore and the push.
 *   <li>An archived image without {@code lastArchivedAt} is never expired: its age is unknown.
 *   <li>Children of a manifest list that this run expires are kept: they become eligible in a later
 *       run, once the list is gone.
 * </ul>
 *
 * <p>Cost: one sort of each storage class's images by time, then one pass per rule, so {@code O(n
 * log n + n * rules * tags)}.
 */
final class LifecycleEvaluator {

  static final long DAY_MILLIS = 86_400_000L;

  static final byte STANDARD = 0;
  static final byte ARCHIVE = 1;
  static final byte NOT_EVALUATED = -1;

  private LifecycleEvaluator() {}

  static LifecyclePreview evaluate(
      List<LifecycleRule> rules, List<LifecycleImage> images, Instant now) {
    int n = images.size();
    long nowMillis = millis(now);
    LifecyclePreview.State state = new LifecyclePreview.State(n);

    // 1. Read the images into arrays once, so the passes below touch only primitives. The tags are
    // read here too, in input order. At a million images the tag strings are spread across hundreds
    // of megabytes, and reading them in rank order would miss the cache on almost every tag.
    TagColumns tagTable = new TagColumns(n + n / 2, 16 * n);
    int[] tagStartByImage = new int[n + 1];
    long[] pushTime = new long[n];
    long[] pullReference = new long[n];
    long[] archiveTime = new long[n];
    byte[] storage = new byte[n];
    boolean[] hasRelations = new boolean[n];
    DigestIndex indexByDigest = new DigestIndex(images);
    for (int i = 0; i < n; i++) {
      LifecycleImage image = images.get(i);
      tagStartByImage[i] = tagTable.size;
      List<String> own = image.tags();
      for (int t = 0; t < own.size(); t++) {
        tagTable.add(own.get(t));
      }
      long pushed = millis(image.pushedAt());
      long activated =
          image.lastActivatedAt() == null ? Long.MIN_VALUE : millis(image.lastActivatedAt());
      long pulled =
          image.lastRecordedPullTime() == null
              ? Long.MIN_VALUE
              : millis(image.lastRecordedPullTime());
      pushTime[i] = Math.max(pushed, activated);
      pullReference[i] = Math.max(pushTime[i], pulled);
      archiveTime[i] =
          image.lastArchivedAt() == null ? Long.MIN_VALUE : millis(image.lastArchivedAt());
      storage[i] =
          switch (image.status()) {
            case ACTIVE -> STANDARD;
            case ARCHIVED -> ARCHIVE;
            case ACTIVATING -> NOT_EVALUATED;
          };
      indexByDigest.add(i, image.digest());
      String subject = image.subjectDigest();
      hasRelations[i] = !image.manifestListDigests().isEmpty() || subject != null;
      if (hasRelations[i]) {
        for (String listDigest : image.manifestListDigests()) {
          indexByDigest.reference(listDigest);
        }
        if (subject != null) {
          indexByDigest.reference(subject);
        }
      }
    }
    tagStartByImage[n] = tagTable.size;
    int[] duplicate = indexByDigest.finish();
    if (duplicate != null) {
      throw new IllegalArgumentException(
          "images "
              + duplicate[0]
              + " and "
              + duplicate[1]
              + " have the same digest "
              + images.get(duplicate[1]).digest()
              + "; a repository contains each image once, so pass each digest once");
    }

    // 2. Leave out manifest-list children whose list remains, and referrers whose subject is here.
    // Only the few images that name a list or a subject are read again.
    boolean[] ranked = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (storage[i] == NOT_EVALUATED) {
        state.keepReason[i] = LifecyclePreview.KEEP_ACTIVATING;
        continue;
      }
      if (!hasRelations[i]) {
        ranked[i] = true;
        continue;
      }
      LifecycleImage image = images.get(i);
      int parent = remainingParent(image, storage[i], storage, indexByDigest);
      if (parent >= 0) {
        state.keepReason[i] = LifecyclePreview.KEEP_MANIFEST_LIST_CHILD;
        state.related[i] = parent;
        continue;
      }
      int subject =
          image.subjectDigest() == null ? -1 : indexByDigest.indexOf(image.subjectDigest());
      if (subject >= 0 && subject != i) {
        state.keepReason[i] = LifecyclePreview.KEEP_FOLLOWS_SUBJECT;
        state.related[i] = subject;
        continue;
      }
      ranked[i] = true;
    }

    // 3. Order each storage class newest first, once for all rules, and lay its images out in that
    // order, so that each rule's pass reads memory sequentially instead of jumping across the heap.
    SortedImages[] classes = {
      new SortedImages(
          newestFirst(ranked, storage, STANDARD, pushTime),
          tagTable,
          tagStartByImage,
          pushTime,
          pullReference,
          archiveTime),
      new SortedImages(
          newestFirst(ranked, storage, ARCHIVE, archiveTime),
          tagTable,
          tagStartByImage,
          pushTime,
          pullReference,
          archiveTime)
    };

    // 4. Apply the rules in priority order.
    for (int r = 0; r < rules.size(); r++) {
      LifecycleRule rule = rules.get(r);
      int storageClass =
          rule.selection().effectiveStorageClass() == StorageClass.ARCHIVE ? ARCHIVE : STANDARD;
      applyRule(r, rule, classes[storageClass], nowMillis);
    }
    for (SortedImages storageClass : classes) {
      storageClass.publish(state);
    }

    // 5. Referrers follow their subjects.
    for (int i = 0; i < n; i++) {
      if (state.keepReason[i] == LifecyclePreview.KEEP_FOLLOWS_SUBJECT) {
        followSubject(i, storage, state, 0);
      }
    }
    return new LifecyclePreview(rules, images, now, state);
  }

  /** The earliest and latest times the evaluator works with, far beyond any real image. */
  static final long MIN_MILLIS = -(1L << 60);

  static final long MAX_MILLIS = 1L << 60;

  /**
   * Converts {@code time} to epoch milliseconds, clamped to about 36 million years either side of
   * 1970, so that no subtraction of an age limit can overflow and {@link Long#MIN_VALUE} stays free
   * to mean "no time".
   */
  static long millis(Instant time) {
    if (time.getEpochSecond() <= MIN_MILLIS / 1000) {
      return MIN_MILLIS;
    }
    if (time.getEpochSecond() >= MAX_MILLIS / 1000) {
      return MAX_MILLIS;
    }
    return time.toEpochMilli();
  }

  private static void applyRule(
      int ruleIndex, LifecycleRule rule, SortedImages images, long nowMillis) {
    Selection selection = rule.selection();
    TagStatus tagStatus = selection.tagStatus();
    TagMatcher matcher = TagMatcher.of(selection);
    CountType countType = selection.countType();
    long limit = selection.countNumber();
    long cutoff = nowMillis - limit * DAY_MILLIS;
    byte outcome =
        rule.action().type() == ActionType.EXPIRE
            ? LifecyclePreview.EXPIRE
            : LifecyclePreview.TRANSITION;

    // A tagged rule can only select images with a tag that starts with the first character of each
    // entry's literal head, so it visits only the positions of the rarest such character.
    int @Nullable [] positions = tagStatus == TagStatus.TAGGED ? images.candidates(matcher) : null;
    int count = positions == null ? images.image.length : positions.length;

    int rank = 0;
    int[] tagStart = images.tagStart;
    for (int k = 0; k < count; k++) {
      int position = positions == null ? k : positions[k];
      int from = tagStart[position];
      int to = tagStart[position + 1];
      boolean selected =
          switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> from == to;
            case TAGGED -> matcher.matches(images.tags, from, to);
          };
      if (!selected) {
        continue;
      }
      rank++;
      boolean actOn =
          switch (countType) {
            case IMAGE_COUNT_MORE_THAN -> rank > limit;
            case SINCE_IMAGE_PUSHED -> images.pushTime[position] < cutoff;
            case SINCE_IMAGE_PULLED -> images.pullReference[position] < cutoff;
            case SINCE_IMAGE_TRANSITIONED ->
                images.archiveTime[position] != Long.MIN_VALUE
                    && images.archiveTime[position] < cutoff;
          };
      if (images.claimedBy[position] < 0) {
        images.claimedBy[position] = ruleIndex;
        images.rank[position] = rank;
        if (actOn) {
          images.outcome[position] = outcome;
        }
      } else if (actOn && images.protectedFrom[position] < 0) {
        images.protectedFrom[position] = ruleIndex;
      }
    }
  }

  /**
   * The ranked images of one storage class, newest first, with everything a rule reads laid out by
   * position: the tags of the image at position {@code p} are {@code tags[tagStart[p]]} up to
   * {@code tags[tagStart[p + 1] - 1]}.
   */
  private static final class SortedImages {
    private static final int[] NONE = new int[0];

    final int[] image;
    final int[] tagStart;
    final TagColumns tags;
    final long[] pushTime;
    final long[] pullReference;
    final long[] archiveTime;

    // The rules' decisions by position, as in LifecyclePreview.State. Kept in rank order so that
    // each pass writes them sequentially, then publish() moves them to input order.
    final byte[] outcome;
    final int[] claimedBy;
    final int[] rank;
    final int[] protectedFrom;

    /** For each character up to U+00FF, the positions with a tag starting with it, ascending. */
    private final int[][] byFirstCharacter;

    SortedImages(
        int[] order,
        TagColumns input,
        int[] inputTagStart,
        long[] push,
        long[] pull,
        long[] archive) {
      int m = order.length;
      image = order;
      tagStart = new int[m + 1];
      pushTime = new long[m];
      pullReference = new long[m];
      archiveTime = new long[m];
      outcome = new byte[m];
      claimedBy = new int[m];
      rank = new int[m];
      protectedFrom = new int[m];
      Arrays.fill(claimedBy, -1);
      Arrays.fill(protectedFrom, -1);
      int tagCount = 0;
      for (int p = 0; p < m; p++) {
        int i = order[p];
        tagStart[p] = tagCount;
        tagCount += inputTagStart[i + 1] - inputTagStart[i];
        pushTime[p] = push[i];
        pullReference[p] = pull[i];
        archiveTime[p] = archive[i];
      }
      tagStart[m] = tagCount;

      // Copy each image's tags from the input-ordered table into rank order.
      int charCount = 0;
      for (int p = 0; p < m; p++) {
        for (int slot = inputTagStart[order[p]]; slot < inputTagStart[order[p] + 1]; slot++) {
          charCount += input.charLength(slot);
        }
      }
      tags = new TagColumns(tagCount, charCount);
      for (int p = 0; p < m; p++) {
        for (int slot = inputTagStart[order[p]]; slot < inputTagStart[order[p] + 1]; slot++) {
          tags.copy(input, slot);
        }
      }
      byFirstCharacter = new int[256][];
      indexFirstCharacters();
    }

    /** Copies the decisions into {@code state}, which is indexed by input position. */
    void publish(LifecyclePreview.State state) {
      for (int p = 0; p < image.length; p++) {
        int i = image[p];
        state.outcome[i] = outcome[p];
        state.claimedBy[i] = claimedBy[p];
        state.rank[i] = rank[p];
        state.protectedFrom[i] = protectedFrom[p];
      }
    }

    private void indexFirstCharacters() {
      int[] counts = new int[256];
      int[] lastPosition = new int[256];
      Arrays.fill(lastPosition, -1);
      for (int pass = 0; pass < 2; pass++) {
        Arrays.fill(lastPosition, -1);
        for (int p = 0; p < image.length; p++) {
          for (int slot = tagStart[p]; slot < tagStart[p + 1]; slot++) {
            int c = tags.firstCharacter(slot);
            if (c > 0xFF || lastPosition[c] == p) {
              continue; // characters above U+00FF are never indexed; see candidates()
            }
            lastPosition[c] = p;
            if (pass == 0) {
              counts[c]++;
            } else {
              byFirstCharacter[c][counts[c]++] = p;
            }
          }
        }
        if (pass == 0) {
          for (int c = 0; c < 256; c++) {
            byFirstCharacter[c] = counts[c] == 0 ? NONE : new int[counts[c]];
            counts[c] = 0;
          }
        }
      }
    }

    /**
     * Returns the positions a tagged rule must visit, or {@code null} for all of them when no entry
     * starts with a literal character up to U+00FF.
     */
    int @Nullable [] candidates(TagMatcher matcher) {
      int @Nullable [] best = null;
      for (char c : matcher.leadingCharacters()) {
        if (c <= 0xFF && (best == null || byFirstCharacter[c].length < best.length)) {
          best = byFirstCharacter[c];
        }
      }
      return best;
    }
  }

  /** Returns the index of a manifest list that keeps image {@code i} from being acted on, or -1. */
  private static int remainingParent(
      LifecycleImage image, byte imageStorage, byte[] storage, DigestIndex indexByDigest) {
    for (String listDigest : image.manifestListDigests()) {
      int parent = indexByDigest.indexOf(listDigest);
      if (parent < 0) {
        continue; // deleted, or not listed: it no longer protects its children
      }
      // An archived list releases its active children; any remaining list holds archived ones.
      if (imageStorage == ARCHIVE || storage[parent] != ARCHIVE) {
        return parent;
      }
    }
    return -1;
  }

  private static int[] newestFirst(
      boolean[] ranked, byte[] storage, byte storageClass, long[] time) {
    int count = 0;
    for (int i = 0; i < ranked.length; i++) {
      if (ranked[i] && storage[i] == storageClass) {
        count++;
      }
    }
    int[] indexes = new int[count];
    int next = 0;
    for (int i = 0; i < ranked.length; i++) {
      if (ranked[i] && storage[i] == storageClass) {
        indexes[next++] = i;
      }
    }
    sortNewestFirst(indexes, time);
    return indexes;
  }

  /**
   * Sorts image indexes by descending time, and on equal times puts the later index first. Packing
   * time and position into one long lets a primitive sort do the work when the times span less than
   * about a century. Otherwise a comparator sort of boxed indexes is used.
   */
  static void sortNewestFirst(int[] indexes, long[] time) {
    if (indexes.length < 2) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i : indexes) {
      min = Math.min(min, time[i]);
      max = Math.max(max, time[i]);
    }
    int indexBits = 64 - Long.numberOfLeadingZeros(indexes.length);
    long span = max - min;
    if (min != Long.MIN_VALUE && span >= 0 && span < (1L << (62 - indexBits))) {
      long[] keys = new long[indexes.length];
      int position = 0;
      for (int i : indexes) {
        keys[position] = ((time[i] - min) << indexBits) | position;
        position++;
      }
      int[] original = indexes.clone();
      Arrays.sort(keys);
      long mask = (1L << indexBits) - 1;
      for (int k = 0; k < keys.length; k++) {
        indexes[keys.length - 1 - k] = original[(int) (keys[k] & mask)];
      }
      return;
    }
    Integer[] boxed = Arrays.stream(indexes).boxed().toArray(Integer[]::new);
    Arrays.sort(
        boxed,
        (a, b) -> {
          int byTime = Long.compare(time[b], time[a]);
          return byTime != 0 ? byTime : Integer.compare(b, a);
        });
    for (int k = 0; k < boxed.length; k++) {
      indexes[k] = boxed[k];
    }
  }

  /**
   * Gives referrer {@code i} its subject's outcome; a chain of referrers is followed to its end.
   */
  private static byte followSubject(
      int i, byte[] storage, LifecyclePreview.State state, int depth) {
    if (state.keepReason[i] != LifecyclePreview.KEEP_FOLLOWS_SUBJECT) {
      return state.outcome[i];
    }
    if (state.resolved[i] || depth > 64) {
      return state.outcome[i]; // resolved already, or a cycle of referrers: keep
    }
    state.resolved[i] = true;
    byte subjectOutcome = followSubject(state.related[i], storage, state, depth + 1);
    if (subjectOutcome == LifecyclePreview.EXPIRE
        || (subjectOutcome == LifecyclePreview.TRANSITION && storage[i] == STANDARD)) {
      state.outcome[i] = subjectOutcome;
    }
    return state.outcome[i];
  }
}
