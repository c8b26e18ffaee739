package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The steps that {@code parse}, {@code check} and {@code validate} share across the registry
 * values.
 */
final class Documents {

  private Documents() {}

  /**
   * The result of a parser: the value when the structure allowed building one, and every structural
   * violation. The value is {@code null} whenever there are violations.
   */
  record Parsed<T>(@Nullable T value, List<PolicyViolation> violations) {

    Parsed {
      violations = List.copyOf(violations);
    }

    static <T> Parsed<T> of(@Nullable T value, List<PolicyViolation> violations) {
      return new Parsed<>(violations.isEmpty() ? value : null, violations);
    }
  }

  /**
   * Returns the parsed value.
   *
   * @throws InvalidPolicyException listing every structural violation
   */
  static <T> T valueOrThrow(String subject, Parsed<T> parsed) {
    T value = parsed.value();
    if (value == null) {
      throw new InvalidPolicyException(subject, parsed.violations());
    }
    return value;
  }

  /**
   * Completes a check: structural violations alone when the document could not be read, otherwise
   * the value's own violations and warnings.
   */
  static <T> PolicyCheck<T> check(
      Parsed<T> parsed,
      Function<T, List<PolicyViolation>> violations,
      Function<T, List<PolicyWarning>> warnings) {
    T value = parsed.value();
    if (value == null) {
      return new PolicyCheck<>(null, parsed.violations(), List.of());
    }
    return new PolicyCheck<>(value, violations.apply(value), warnings.apply(value));
  }

  /**
   * Throws when {@code violations} is not empty.
   *
   * @throws InvalidPolicyException listing every violation
   */
  static void throwIfAny(String subject, List<PolicyViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException(subject, violations);
    }
  }
}
