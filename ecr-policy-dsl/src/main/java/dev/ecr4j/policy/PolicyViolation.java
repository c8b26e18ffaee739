package dev.ecr4j.policy;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reason why ECR would reject a policy.
 *
 * @param path the JSON path of the offending value, such as {@code $.rules[1].selection.countUnit}
 * @param rulePriority the {@code rulePriority} of the rule at fault, or {@code null} when the
 *     problem is not inside a rule or the rule has no readable priority
 * @param message what is wrong, naming the value and what ECR allows
 * @param fix how to correct it
 * @param ecrMessage the text ECR itself returns for this problem, when it is known, so that it can
 *     be searched for; {@code null} when ECR's wording has not been observed
 */
public record PolicyViolation(
    String path,
    @Nullable Integer rulePriority,
    String message,
    String fix,
    @Nullable String ecrMessage) {

  public PolicyViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** Returns ECR's own message for this problem, when it is known. */
  public Optional<String> ecrMessageText() {
    return Optional.ofNullable(ecrMessage);
  }

  /**
   * Formats the violation on one line: the rule, the path, the problem, the fix and, when known,
   * ECR's message.
   */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder();
    if (rulePriority != null) {
      line.append("rule ").append(rulePriority).append(": ");
    }
    line.append(path).append(": ").append(message).append(" Fix: ").append(fix);
    if (ecrMessage != null) {
      line.append(" (ECR reports: \"").append(ecrMessage).append("\")");
    }
    return line.toString();
  }
}
