package dev.ecr4j.policy.iam;

/**
 * The account setting {@code REGISTRY_POLICY_SCOPE}, which decides which actions a registry policy
 * may contain. It is set with ECR's {@code PutAccountSetting} operation and read with {@code
 * GetAccountSetting}.
 */
public enum RegistryPolicyScope {
  /**
   * The original scope: a registry policy may only contain {@code ecr:ReplicateImage}, {@code
   * ecr:BatchImportUpstreamImage} and {@code ecr:CreateRepository}.
   */
  V1,

  /** The current scope: a registry policy may contain every ECR action. */
  V2
}
