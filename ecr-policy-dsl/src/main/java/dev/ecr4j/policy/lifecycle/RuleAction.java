package dev.ecr4j.policy.lifecycle;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code action} object of a lifecycle rule.
 *
 * @param type {@code expire} or {@code transition}
 * @param targetStorageClass {@code archive} for a transition; {@code null} (absent) for expire
 */
public record RuleAction(ActionType type, @Nullable StorageClass targetStorageClass) {

  /** Deletes the images the rule acts on. */
  public static final RuleAction EXPIRE = new RuleAction(ActionType.EXPIRE, null);

  /** Moves the images the rule acts on to the archive storage class. */
  public static final RuleAction TRANSITION_TO_ARCHIVE =
      new RuleAction(ActionType.TRANSITION, StorageClass.ARCHIVE);

  public RuleAction {
    Objects.requireNonNull(type, "type");
  }
}
