package dev.ecr4j.core;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on the permission policies of ECR Public repositories, as the policy DSL's {@link
 * RepositoryPolicy}. Obtained from {@link Ecr4jPublicClient#policies()}; thread-safe.
 *
 * <p>An ECR Public policy grants {@code ecr-public:} actions, such as {@code ecr-public:PutImage}
 * for a CI role that pushes. Pulling needs no grant, because anyone may pull a public image. Build
 * such a policy with {@link RepositoryPolicy#of} or {@link RepositoryPolicy#parse}: the DSL's
 * {@code build()} and {@code validate()} accept only the private registry's {@code ecr:} actions.
 * The typed methods here check the policy with the DSL's rules, but check actions against ECR
 * Public's, and skip the write when the stored policy is semantically equal. The {@code *Text}
 * methods send JSON text unchanged, and ECR Public validates it.
 */
public final class PublicPolicies {

  private final PublicCalls calls;

  PublicPolicies(PublicCalls calls) {
    this.calls = calls;
  }

  /**
   * Returns the repository's policy, or empty when it has none.
   *
   * @throws NotFoundException when the repository does not exist
   * @throws InvalidPolicyException when the stored text is outside the DSL's grammar; read it with
   *     {@link #repositoryPolicyText(String)}
   */
  public Optional<RepositoryPolicy> repositoryPolicy(String repository) {
    return repositoryPolicyText(repository).map(RepositoryPolicy::parse);
  }

  /**
   * Returns the repository's policy text as ECR Public stores it, or empty when it has none.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public Optional<String> repositoryPolicyText(String repository) {
    PublicInput.repositoryName(repository);
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", repository);
    try {
      return Optional.of(
          PublicCalls.text(calls.call("GetRepositoryPolicy", request), "policyText"));
    } catch (NotFoundException e) {
      if (isPolicyNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Checks {@code policy} locally, then sets it as the repository's policy unless the stored policy
   * is semantically equal.
   *
   * @param force whether to set a policy that would stop the caller from changing it later
   * @return true when the policy was sent, false when the stored one was already equal
   * @throws InvalidPolicyException when the policy is invalid for ECR Public; nothing is sent
   * @throws NotFoundException when the repository does not exist
   */
  public boolean setRepositoryPolicy(String repository, RepositoryPolicy policy, boolean force) {
    PublicInput.repositoryName(repository);
    Objects.requireNonNull(policy, "policy");
    String text = PublicPolicyRules.validate(policy);
    Optional<String> stored = repositoryPolicyText(repository);
    if (stored.isPresent() && semanticallyEqual(stored.get(), policy)) {
      return false;
    }
    setRepositoryPolicyText(repository, text, force);
    return true;
  }

  /**
   * Sets the repository's policy from JSON text, unchanged; only its length is checked locally.
   *
   * @param force whether to set a policy that would stop the caller from changing it later
   * @throws IllegalArgumentException when the text is longer than 10,240 characters
   * @throws InvalidRequestException when ECR Public rejects the policy text
   */
  public void setRepositoryPolicyText(String repository, String policyJson, boolean force) {
    PublicInput.repositoryName(repository);
    PublicInput.policyText(policyJson);
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", repository);
    request.put("policyText", policyJson);
    request.put("force", force);
    calls.call("SetRepositoryPolicy", request);
  }

  /** Deletes the repository's policy; returns false when it had none. */
  public boolean deleteRepositoryPolicy(String repository) {
    PublicInput.repositoryName(repository);
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", repository);
    try {
      calls.call("DeleteRepositoryPolicy", request);
      return true;
    } catch (NotFoundException e) {
      if (isPolicyNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private static boolean semanticallyEqual(String storedText, RepositoryPolicy policy) {
    try {
      return RepositoryPolicy.parse(storedText).equals(policy);
    } catch (InvalidPolicyException outsideGrammar) {
      // A stored policy the DSL cannot read differs from any policy it can build.
      return false;
    }
  }

  private static boolean isPolicyNotFound(Ecr4jServiceException e) {
    return e.awsErrorCode().filter("RepositoryPolicyNotFoundException"::equals).isPresent();
  }
}
