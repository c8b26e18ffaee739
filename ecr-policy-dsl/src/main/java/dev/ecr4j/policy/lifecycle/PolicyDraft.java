package dev.ecr4j.policy.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The immutable state behind {@link LifecyclePolicy.Builder}: the rules written so far. Every step
 * returns a new draft, so a partial chain can be kept and extended twice.
 */
sealed class PolicyDraft implements LifecyclePolicy.Builder permits PolicyDraft.FollowUp {

  static final PolicyDraft EMPTY = new PolicyDraft(List.of());

  /** A rule whose priority is {@code null} until {@link #build()} numbers it. */
  record PendingRule(
      @Nullable Integer priority,
      @Nullable String description,
      Selection selection,
      RuleAction action) {}

  final List<PendingRule> rules;

  PolicyDraft(List<PendingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  PolicyDraft plus(PendingRule rule) {
    List<PendingRule> next = new ArrayList<>(rules);
    next.add(rule);
    return new PolicyDraft(next);
  }

  @Override
  public LifecyclePolicy.StandardRuleStep tagged(String pattern, String... morePatterns) {
    return SelectionDraft.standard(this, TagStatus.TAGGED, list(pattern, morePatterns), List.of());
  }

  @Override
  public LifecyclePolicy.StandardRuleStep taggedWithPrefix(String prefix, String... morePrefixes) {
    return SelectionDraft.standard(this, TagStatus.TAGGED, List.of(), list(prefix, morePrefixes));
  }

  @Override
  public LifecyclePolicy.StandardRuleStep untagged() {
    return SelectionDraft.standard(this, TagStatus.UNTAGGED, List.of(), List.of());
  }

  @Override
  public LifecyclePolicy.StandardRuleStep anyImage() {
    return SelectionDraft.standard(this, TagStatus.ANY, List.of(), List.of());
  }

  @Override
  public LifecyclePolicy.ArchiveRuleStep archived() {
    return SelectionDraft.archive(this, TagStatus.ANY, List.of(), List.of());
  }

  @Override
  public LifecyclePolicy.ArchiveRuleStep archivedTagged(String pattern, String... morePatterns) {
    return SelectionDraft.archive(this, TagStatus.TAGGED, list(pattern, morePatterns), List.of());
  }

  @Override
  public LifecyclePolicy.ArchiveRuleStep archivedTaggedWithPrefix(
      String prefix, String... morePrefixes) {
    return SelectionDraft.archive(this, TagStatus.TAGGED, List.of(), list(prefix, morePrefixes));
  }

  @Override
  public LifecyclePolicy.ArchiveRuleStep archivedUntagged() {
    return SelectionDraft.archive(this, TagStatus.UNTAGGED, List.of(), List.of());
  }

  @Override
  public LifecyclePolicy.Builder rule(LifecycleRule rule) {
    Objects.requireNonNull(rule, "rule");
    return plus(
        new PendingRule(rule.rulePriority(), rule.description(), rule.selection(), rule.action()));
  }

  @Override
  public LifecyclePolicy build() {
    Set<Integer> explicit = new HashSet<>();
    for (PendingRule rule : rules) {
      if (rule.priority() != null) {
        explicit.add(rule.priority());
      }
    }

    // An unnumbered rule gets the next number after the rule written before it, skipping numbers
    // taken explicitly, so that the written order is the order of application.
    List<LifecycleRule> numbered = new ArrayList<>();
    int previous = 0;
    for (PendingRule rule : rules) {
      int priority;
      if (rule.priority() != null) {
        priority = rule.priority();
      } else {
        long next = (long) previous + 1;
        while (next <= Integer.MAX_VALUE && explicit.contains((int) next)) {
          next++;
        }
        if (next > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              "no rulePriority is left for rule "
                  + (numbered.size() + 1)
                  + " after rulePriority "
                  + previous
                  + ", the largest possible; give the rules before it lower priorities");
        }
        priority = (int) next;
      }
      previous = priority;
      numbered.add(
          new LifecycleRule(priority, rule.description(), rule.selection(), rule.action()));
    }
    return LifecyclePolicy.of(numbered).validate();
  }

  private static List<String> list(String first, String... more) {
    Objects.requireNonNull(more, "the array of further tag patterns or prefixes is null");
    List<String> values = new ArrayList<>();
    values.add(first);
    values.addAll(Arrays.asList(more));
    for (String value : values) {
      Objects.requireNonNull(value, "tag patterns and prefixes must not be null");
      if (value.isEmpty()) {
        throw new IllegalArgumentException(
            "tag patterns and prefixes must not be empty, because ECR rejects empty entries; to"
                + " select every tagged image use tagged(\"*\")");
      }
    }
    return values;
  }

  /** The draft right after an archiving rule, which can be followed by the rule that expires. */
  static final class FollowUp extends PolicyDraft implements LifecyclePolicy.ArchiveFollowUpStep {

    private final Selection archivingSelection;
    private final @Nullable String description;

    FollowUp(List<PendingRule> rules, Selection archivingSelection, @Nullable String description) {
      super(rules);
      this.archivingSelection = archivingSelection;
      this.description = description;
    }

    @Override
    public LifecyclePolicy.Builder thenExpireAfterDays(int days) {
      SelectionDraft.requireArchiveDays(days);
      Selection archived =
          new Selection(
              archivingSelection.tagStatus(),
              archivingSelection.tagPatternList(),
              archivingSelection.tagPrefixList(),
              StorageClass.ARCHIVE,
              CountType.SINCE_IMAGE_TRANSITIONED,
              CountUnit.DAYS,
              days);
      String followUpDescription = description == null ? null : description + " (expire)";
      return plus(new PendingRule(null, followUpDescription, archived, RuleAction.EXPIRE));
    }
  }
}
