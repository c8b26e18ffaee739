package dev.ecr4j.policy;

import java.util.List;

/**
 * Thrown when a policy cannot be parsed or would be rejected by ECR. It carries every violation
 * found, not only the first, so that one round of fixes is enough.
 */
public final class InvalidPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf returns a serializable list of records.
  private final List<PolicyViolation> violations;

  public InvalidPolicyException(String subject, List<PolicyViolation> violations) {
    super(format(subject, violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidPolicyException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Returns every violation, in document order. */
  public List<PolicyViolation> violations() {
    return violations;
  }

  private static String format(String subject, List<PolicyViolation> violations) {
    StringBuilder message = new StringBuilder();
    message
        .append(subject)
        .append(" is invalid (")
        .append(violations.size())
        .append(violations.size() == 1 ? " violation" : " violations")
        .append("):");
    for (PolicyViolation violation : violations) {
      message.append(System.lineSeparator()).append("  - ").append(violation);
    }
    return message.toString();
  }
}
