package dev.ecr4j.policy;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The complete result of checking a policy document without throwing: the parsed value when the
 * document could be read, every violation, and every warning.
 *
 * @param <T> the policy type, such as a replication configuration or a permission policy
 * @param value the parsed policy, or {@code null} when the document could not be read
 * @param violations every reason ECR would reject the document, structural ones first
 * @param warnings legal but suspicious parts; empty when the document could not be read
 */
public record PolicyCheck<T>(
    @Nullable T value, List<PolicyViolation> violations, List<PolicyWarning> warnings) {

  public PolicyCheck {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
  }

  /** Returns true when ECR would accept the document. */
  public boolean isValid() {
    return value != null && violations.isEmpty();
  }

  /** Returns the parsed policy, if the document could be read. */
  public Optional<T> parsed() {
    return Optional.ofNullable(value);
  }
}
