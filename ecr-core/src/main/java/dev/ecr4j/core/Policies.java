package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Operations on permission policies: a repository's resource policy and the registry policy.
 * Obtained from {@link Ecr4jClient#policies()}; thread-safe.
 *
 * <p>Policies are IAM JSON text, passed to ECR unchanged; ECR validates them.
 */
// NOTE: these methods take JSON text until the policy DSL's permission-policy values exist; typed
// overloads will then accept them.
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
   * Returns the repository's policy text, or empty when it has none.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public Optional<String> repositoryPolicy(String repository) {
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
   * Sets the repository's policy.
   *
   * @param force whether to set a policy that would stop the caller from changing it later
   * @throws InvalidRequestException when ECR rejects the policy text
   */
  public void setRepositoryPolicy(String repository, String policyJson, boolean force) {
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

  /** Returns the registry policy text, or empty when there is none. */
  public Optional<String> registryPolicy() {
    try {
      return Optional.of(
          calls
              .call(
                  "GetRegistryPolicy",
                  override ->
                      ecr.getRegistryPolicy(request -> request.overrideConfiguration(override)))
              .policyText());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Sets the registry policy, which grants other accounts replication and pull-through cache.
   *
   * @throws InvalidRequestException when ECR rejects the policy text
   */
  public void putRegistryPolicy(String policyJson) {
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
      return false;
    }
  }

  private static boolean hasCode(Ecr4jServiceException e, String code) {
    return e.awsErrorCode().filter(code::equals).isPresent();
  }
}
