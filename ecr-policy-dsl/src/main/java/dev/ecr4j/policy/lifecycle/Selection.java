package dev.ecr4j.policy.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code selection} object of a lifecycle rule: which images the rule looks at, and the count
 * criterion that decides which of them it acts on.
 *
 * <p>This record accepts any combination of values, valid or not, so that a policy read from JSON
 * can be reported in full by {@link LifecyclePolicy#violations()}. The fluent {@link
 * LifecyclePolicy#builder()} only produces valid combinations.
 *
 * <p>An empty tag list means that the list is absent: ECR rejects empty lists, so {@link
 * LifecyclePolicy#toJson()} never writes one. A {@code null} storage class or count unit is absent
 * too. Equality is semantic: the order of tag list entries is ignored (but not repeated entries,
 * which change the rendered text), and an absent storage class equals {@code standard}, the value
 * ECR assumes.
 *
 * @param tagStatus {@code tagged}, {@code untagged} or {@code any}
 * @param tagPatternList wildcard patterns, all of which must match one of an image's tags
 * @param tagPrefixList prefixes, all of which must start one of an image's tags
 * @param storageClass the storage class the rule selects from; {@code null} means {@code standard}
 * @param countType the count criterion
 * @param countUnit {@code days} for the {@code since*} count types, {@code null} for {@code
 *     imageCountMoreThan}
 * @param countNumber the number of images to keep, or the age limit in {@code countUnit}
 */
public record Selection(
    TagStatus tagStatus,
    List<String> tagPatternList,
    List<String> tagPrefixList,
    @Nullable StorageClass storageClass,
    CountType countType,
    @Nullable CountUnit countUnit,
    int countNumber) {

  public Selection {
    Objects.requireNonNull(tagStatus, "tagStatus");
    tagPatternList = copyOf(tagPatternList, "tagPatternList");
    tagPrefixList = copyOf(tagPrefixList, "tagPrefixList");
    Objects.requireNonNull(countType, "countType");
  }

  private static List<String> copyOf(List<String> list, String name) {
    Objects.requireNonNull(list, () -> name + " is null; use List.of() for no entries");
    for (String entry : list) {
      Objects.requireNonNull(entry, () -> name + " must not contain null");
    }
    return List.copyOf(list);
  }

  /**
   * Creates a selection with the count unit and storage class that ECR requires for {@code
   * countType}: {@code days} for the {@code since*} types, and {@code archive} for {@code
   * sinceImageTransitioned}.
   */
  public static Selection of(
      TagStatus tagStatus,
      List<String> tagPatternList,
      List<String> tagPrefixList,
      CountType countType,
      int countNumber) {
    CountUnit unit = countType == CountType.IMAGE_COUNT_MORE_THAN ? null : CountUnit.DAYS;
    StorageClass storage =
        countType == CountType.SINCE_IMAGE_TRANSITIONED ? StorageClass.ARCHIVE : null;
    return new Selection(
        tagStatus, tagPatternList, tagPrefixList, storage, countType, unit, countNumber);
  }

  /** Returns the storage class the rule selects from, {@code standard} when none is written. */
  public StorageClass effectiveStorageClass() {
    return storageClass == null ? StorageClass.STANDARD : storageClass;
  }

  /** Returns the tag list in use: the pattern list if present, otherwise the prefix list. */
  public List<String> tagList() {
    return tagPatternList.isEmpty() ? tagPrefixList : tagPatternList;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Selection that)) {
      return false;
    }
    return tagStatus == that.tagStatus
        && sorted(tagPatternList).equals(sorted(that.tagPatternList))
        && sorted(tagPrefixList).equals(sorted(that.tagPrefixList))
        && effectiveStorageClass() == that.effectiveStorageClass()
        && countType == that.countType
        && countUnit == that.countUnit
        && countNumber == that.countNumber;
  }

  private static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.sort(copy);
    return copy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tagStatus,
        sorted(tagPatternList),
        sorted(tagPrefixList),
        effectiveStorageClass(),
        countType,
        countUnit,
        countNumber);
  }
}
