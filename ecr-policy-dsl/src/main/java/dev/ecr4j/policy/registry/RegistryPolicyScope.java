package dev.ecr4j.policy.registry;

/** The {@code REGISTRY_POLICY_SCOPE} account setting: which actions a registry policy may grant. */
public enum RegistryPolicyScope implements AccountSettingValue {
  /**
   * The original scope: a registry policy may grant only {@code ecr:ReplicateImage}, {@code
   * ecr:BatchImportUpstreamImage} and {@code ecr:CreateRepository}.
   */
  V1,
  /** The extended scope: a registry policy may grant every ECR action. */
  V2;

  @Override
  public AccountSettingName settingName() {
    return AccountSettingName.REGISTRY_POLICY_SCOPE;
  }
}
