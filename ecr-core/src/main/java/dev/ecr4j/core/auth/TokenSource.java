package dev.ecr4j.core.auth;

/** Fetches a new authorization token, normally with ECR's {@code GetAuthorizationToken}. */
@FunctionalInterface
public interface TokenSource {

  /**
   * Fetches a token for the registry {@code registryId}.
   *
   * @throws dev.ecr4j.core.Ecr4jException when the call fails
   */
  AuthorizationToken fetch(String registryId);
}
