package dev.ecr4j.policy.lifecycle;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The immutable state of a rule being written: its selection, and an optional priority. */
record SelectionDraft(
    PolicyDraft policy,
    TagStatus tagStatus,
    List<String> tagPatternList,
    List<String> tagPrefixList,
    StorageClass storageClass,
    @Nullable Integer priority,
    @Nullable String description)
    implements LifecyclePolicy.StandardRuleStep, LifecyclePolicy.ArchiveRuleStep {

  static SelectionDraft standard(
      PolicyDraft policy, TagStatus tagStatus, List<String> patterns, List<String> prefixes) {
    return new SelectionDraft(
        policy,
        tagStatus,
        List.copyOf(patterns),
        List.copyOf(prefixes),
        StorageClass.STANDARD,
        null,
        null);
  }

  static SelectionDraft archive(
      PolicyDraft policy, TagStatus tagStatus, List<String> patterns, List<String> prefixes) {
    return new SelectionDraft(
        policy,
        tagStatus,
        List.copyOf(patterns),
        List.copyOf(prefixes),
        StorageClass.ARCHIVE,
        null,
        null);
  }

  @Override
  public SelectionDraft priority(int rulePriority) {
    if (rulePriority < 1) {
      throw new IllegalArgumentException(
          "rulePriority must be 1 or more, but was "
              + rulePriority
              + "; a lower number is applied"
              + " first");
    }
    return new SelectionDraft(
        policy, tagStatus, tagPatternList, tagPrefixList, storageClass, rulePriority, description);
  }

  @Override
  public SelectionDraft description(String description) {
    Objects.requireNonNull(description, "description");
    return new SelectionDraft(
        policy, tagStatus, tagPatternList, tagPrefixList, storageClass, priority, description);
  }

  @Override
  public LifecyclePolicy.Builder keepNewest(int count) {
    requirePositive(count, "count");
    return policy.plus(pending(CountType.IMAGE_COUNT_MORE_THAN, count, RuleAction.EXPIRE));
  }

  @Override
  public LifecyclePolicy.Builder expireAfterDays(int days) {
    CountType countType =
        storageClass == StorageClass.ARCHIVE
            ? CountType.SINCE_IMAGE_TRANSITIONED
            : CountType.SINCE_IMAGE_PUSHED;
    if (countType == CountType.SINCE_IMAGE_TRANSITIONED) {
      requireArchiveDays(days);
    } else {
      requirePositive(days, "days");
    }
    return policy.plus(pending(countType, days, RuleAction.EXPIRE));
  }

  @Override
  public LifecyclePolicy.ArchiveFollowUpStep archiveAllButNewest(int count) {
    return archiving(CountType.IMAGE_COUNT_MORE_THAN, count);
  }

  @Override
  public LifecyclePolicy.ArchiveFollowUpStep archiveAfterDays(int days) {
    return archiving(CountType.SINCE_IMAGE_PUSHED, days);
  }

  @Override
  public LifecyclePolicy.ArchiveFollowUpStep archiveWhenNotPulledForDays(int days) {
    return archiving(CountType.SINCE_IMAGE_PULLED, days);
  }

  private PolicyDraft.FollowUp archiving(CountType countType, int number) {
    requirePositive(number, countType == CountType.IMAGE_COUNT_MORE_THAN ? "count" : "days");
    PolicyDraft.PendingRule rule = pending(countType, number, RuleAction.TRANSITION_TO_ARCHIVE);
    return new PolicyDraft.FollowUp(policy.plus(rule).rules, rule.selection(), rule.description());
  }

  private PolicyDraft.PendingRule pending(CountType countType, int number, RuleAction action) {
    // The explicit storage class is written only for archive rules, as ECR's examples do.
    StorageClass written = storageClass == StorageClass.ARCHIVE ? StorageClass.ARCHIVE : null;
    CountUnit unit = countType == CountType.IMAGE_COUNT_MORE_THAN ? null : CountUnit.DAYS;
    Selection selection =
        new Selection(tagStatus, tagPatternList, tagPrefixList, written, countType, unit, number);
    return new PolicyDraft.PendingRule(priority, description, selection, action);
  }

  static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(
          name
              + " must be 1 or more, but was "
              + value
              + ", because ECR rejects a countNumber below 1");
    }
  }

  static void requireArchiveDays(int days) {
    if (days < LifecyclePolicyValidator.MIN_DAYS_IN_ARCHIVE) {
      throw new IllegalArgumentException(
          "days must be "
              + LifecyclePolicyValidator.MIN_DAYS_IN_ARCHIVE
              + " or more, but was "
              + days
              + "; ECR keeps archived images for at least "
              + LifecyclePolicyValidator.MIN_DAYS_IN_ARCHIVE
              + " days before a lifecycle rule may expire them");
    }
  }
}
