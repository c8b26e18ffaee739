package dev.ecr4j.policy.lifecycle;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The effect of one lifecycle run on one image, and the reason for it.
 *
 * @param image the image
 * @param outcome expire, transition to archive, or keep
 * @param rule the rule that acts on the image, or for a kept image the rule that selected and so
 *     protected it; {@code null} when no rule selects it
 * @param reason one sentence for people, such as "rule 2 keeps the 10 newest matching images and
 *     this is number 14"
 */
public record ImageDecision(
    LifecycleImage image, Outcome outcome, @Nullable LifecycleRule rule, String reason) {

  public ImageDecision {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns the rule behind the decision, if any. */
  public Optional<LifecycleRule> decidingRule() {
    return Optional.ofNullable(rule);
  }

  /** Returns true when the image is expired or archived. */
  public boolean isActedOn() {
    return outcome != Outcome.KEEP;
  }

  /** The effect of one lifecycle run on an image. */
  public enum Outcome {
    /** The image is deleted. */
    EXPIRE,
    /** The image is moved to the archive storage class. */
    TRANSITION,
    /** Nothing happens to the image. */
    KEEP
  }
}
