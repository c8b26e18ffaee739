package dev.ecr4j.policy.lifecycle;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a lifecycle policy. Rules with a lower {@code rulePriority} are applied first, and an
 * image that a rule selects cannot be acted on by any rule with a higher number.
 *
 * @param rulePriority the priority, 1 or more, unique within the policy
 * @param description free text shown in the console, or {@code null}
 * @param selection which images the rule looks at and which of them it acts on
 * @param action what happens to the images it acts on
 */
public record LifecycleRule(
    int rulePriority, @Nullable String description, Selection selection, RuleAction action) {

  public LifecycleRule {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(action, "action");
  }

  /** Creates a rule without a description. */
  public static LifecycleRule of(int rulePriority, Selection selection, RuleAction action) {
    return new LifecycleRule(rulePriority, null, selection, action);
  }
}
