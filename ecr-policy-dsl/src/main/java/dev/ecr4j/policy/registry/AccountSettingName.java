package dev.ecr4j.policy.registry;

import java.util.List;

/** The ECR account settings that ecr4j supports, spelled as in ECR's API. */
public enum AccountSettingName {
  /** The set of actions a registry policy may grant: {@link RegistryPolicyScope}. */
  REGISTRY_POLICY_SCOPE,
  /** The scanner behind basic scanning: {@link BasicScanTypeVersion}. */
  BASIC_SCAN_TYPE_VERSION,
  /**
   * Whether pushes may mount layers from other repositories of the registry: {@link BlobMounting}.
   */
  BLOB_MOUNTING;

  /** Returns the values this setting accepts. */
  public List<AccountSettingValue> allowedValues() {
    return switch (this) {
      case REGISTRY_POLICY_SCOPE -> List.of(RegistryPolicyScope.values());
      case BASIC_SCAN_TYPE_VERSION -> List.of(BasicScanTypeVersion.values());
      case BLOB_MOUNTING -> List.of(BlobMounting.values());
    };
  }
}
