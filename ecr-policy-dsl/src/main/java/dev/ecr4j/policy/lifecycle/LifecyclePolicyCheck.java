package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The complete result of checking lifecycle policy JSON with {@link LifecyclePolicy#check(String)}.
 *
 * @param policy the parsed policy, or {@code null} when the JSON could not be read into rules
 * @param violations every reason ECR would reject the policy, structural ones first
 * @param warnings legal but suspicious parts of the policy; empty when it could not be read
 */
public record LifecyclePolicyCheck(
    @Nullable LifecyclePolicy policy,
    List<PolicyViolation> violations,
    List<PolicyWarning> warnings) {

  public LifecyclePolicyCheck {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
  }

  /** Returns true when ECR would accept the policy. */
  public boolean isValid() {
    return policy != null && violations.isEmpty();
  }

  /** Returns the parsed policy, if the JSON could be read into rules. */
  public Optional<LifecyclePolicy> parsedPolicy() {
    return Optional.ofNullable(policy);
  }
}
