package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Operations on permission policies: a repository's resource policy and the registry policy, as the
 * policy DSL's {@link RepositoryPolicy} and {@link RegistryPolicy}. Obtained from {@link
 * Ecr4jClient#policies()}; thread-safe.
 *
 * <p>Typed methods validate the policy locally before anything is sent, and skip the write when the
 * stored policy is semantically equal (statement order, a string versus a one-element list,
 * whitespace). The {@code *Text} methods pass JSON text to ECR unchanged, for policies outside the
 * DSL's grammar; ECR validates those.
 */
public final class Policies {

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;

  Policies(EcrClient ecr, EcrCalls calls, @Nullable String registryId) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
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
   * Returns the repository's policy text as ECR stores it, or empty when it has none.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public Optional<String> repositoryPolicyText(String repository) {
    Objects.requireNonNull(repository, "repository");
    try {
      return Optional.of(
          calls
              .call(
                  "GetRepositoryPolicy",
                  override ->
                      ecr.getRepositoryPolicy(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .overrideConfiguration(override)))
              .policyText());
    } catch (NotFoundException e) {
      if (hasCode(e, "RepositoryPolicyNotFoundException")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Validates {@code policy} locally, then sets it as the repository's policy unless the stored
   * policy is semantically equal.
   *
   * @param force whether to set a policy that would stop the caller from changing it later
   * @return true when the policy was sent, false when the stored one was already equal
   * @throws InvalidPolicyException when the policy is invalid; nothing is sent
   * @throws NotFoundException when the repository does not exist
   */
  public boolean setRepositoryPolicy(String repository, RepositoryPolicy policy, boolean force) {
    Objects.requireNonNull(repository, "repository");
    String text = policy.validate().toJson();
    Optional<String> stored = repositoryPolicyText(repository);
    if (stored.isPresent() && semanticallyEqual(stored.get(), policy)) {
      return false;
    }
    setRepositoryPolicyText(repository, text, force);
    return true;
  }

  /**
   * Sets the repository's policy from JSON text, unchanged and without local validation.
   *
   * @param force whether to set a policy that would stop the caller from changing it later
   * @throws InvalidRequestException when ECR rejects the policy text
   */
  public void setRepositoryPolicyText(String repository, String policyJson, boolean force) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(policyJson, "policyJson");
    calls.call(
        "SetRepositoryPolicy",
        override ->
            ecr.setRepositoryPolicy(
                request ->
                    request
                        .registryId(registryId)
                        .repositoryName(repository)
                        .policyText(policyJson)
                        .force(force)
                        .overrideConfiguration(override)));
  }

  /** Deletes the repository's policy; returns false when it had none. */
  public boolean deleteRepositoryPolicy(String repository) {
    Objects.requireNonNull(repository, "repository");
    try {
      calls.call(
          "DeleteRepositoryPolicy",
          override ->
              ecr.deleteRepositoryPolicy(
                  request ->
                      request
                          .registryId(registryId)
                          .repositoryName(repository)
                          .overrideConfiguration(override)));
      return true;
    } catch (NotFoundException e) {
      if (hasCode(e, "RepositoryPolicyNotFoundException")) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Returns the registry policy, or empty when there is none.
   *
   * @throws InvalidPolicyException when the stored text is outside the DSL's grammar; read it with
   *     {@link #registryPolicyText()}
   */
  public Optional<RegistryPolicy> registryPolicy() {
    return registryPolicyText().map(RegistryPolicy::parse);
  }

  /** Returns the registry policy text as ECR stores it, or empty when there is none. */
  public Optional<String> registryPolicyText() {
    try {
      return Optional.of(
          calls
              .call(
                  "GetRegistryPolicy",
                  override ->
                      ecr.getRegistryPolicy(request -> request.overrideConfiguration(override)))
              .policyText());
    } catch (NotFoundException e) {
      if (hasCode(e, "RegistryPolicyNotFoundException")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Validates {@code policy} locally for the {@code V2} registry policy scope, then puts it unless
   * the stored policy is semantically equal. The registry policy grants other accounts replication,
   * pull through cache and, under scope V2, any ECR action.
   *
   * @return true when the policy was sent, false when the stored one was already equal
   * @throws InvalidPolicyException when the policy is invalid; nothing is sent
   */
  public boolean putRegistryPolicy(RegistryPolicy policy) {
    return putRegistryPolicy(policy, RegistryPolicyScope.V2);
  }

  /**
   * Validates {@code policy} locally for {@code scope}, the account's {@code REGISTRY_POLICY_SCOPE}
   * setting, then puts it unless the stored policy is semantically equal.
   *
   * @return true when the policy was sent, false when the stored one was already equal
   * @throws InvalidPolicyException when the policy is invalid for the scope; nothing is sent
   */
  public boolean putRegistryPolicy(RegistryPolicy policy, RegistryPolicyScope scope) {
    Objects.requireNonNull(scope, "scope");
    String text = policy.validate(scope).toJson();
    Optional<String> stored = registryPolicyText();
    if (stored.isPresent() && semanticallyEqual(stored.get(), policy)) {
      return false;
    }
    putRegistryPolicyText(text);
    return true;
  }

  /**
   * Puts the registry policy from JSON text, unchanged and without local validation.
   *
   * @throws InvalidRequestException when ECR rejects the policy text
   */
  public void putRegistryPolicyText(String policyJson) {
    Objects.requireNonNull(policyJson, "policyJson");
    calls.call(
        "PutRegistryPolicy",
        override ->
            ecr.putRegistryPolicy(
                request -> request.policyText(policyJson).overrideConfiguration(override)));
  }

  /** Deletes the registry policy; returns false when there was none. */
  public boolean deleteRegistryPolicy() {
    try {
      calls.call(
          "DeleteRegistryPolicy",
          override -> ecr.deleteRegistryPolicy(request -> request.overrideConfiguration(override)));
      return true;
    } catch (NotFoundException e) {
      if (hasCode(e, "RegistryPolicyNotFoundException")) {
        return false;
      }
      throw e;
    }
  }

  /** Returns whether the stored text parses to a policy equal to {@code policy}. */
  private static boolean semanticallyEqual(String storedText, Object policy) {
    try {
      Object stored =
          policy instanceof RegistryPolicy
              ? RegistryPolicy.parse(storedText)
              : RepositoryPolicy.parse(storedText);
      return stored.equals(policy);
    } catch (InvalidPolicyException outsideGrammar) {
      // A stored policy the DSL cannot read differs from any policy it can build.
      return false;
    }
  }

  private static boolean hasCode(Ecr4jServiceException e, String code) {
    return e.awsErrorCode().filter(code::equals).isPresent();
  }
}
