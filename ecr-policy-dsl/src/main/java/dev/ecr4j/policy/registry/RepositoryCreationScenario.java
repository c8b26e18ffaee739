package dev.ecr4j.policy.registry;

/**
 * A way in which ECR creates repositories on your behalf, to which a repository creation template
 * applies: the template's {@code appliedFor} list. Constants are spelled as in ECR's API.
 */
public enum RepositoryCreationScenario {
  /** Repositories that replication creates in a destination registry. */
  REPLICATION,
  /** Repositories that a pull through cache rule creates on the first pull. */
  PULL_THROUGH_CACHE,
  /**
   * Repositories that a push to a repository name that does not exist creates. ECR creates
   * repositories on push only where a template applies to this scenario.
   */
  CREATE_ON_PUSH
}
