package dev.ecr4j.policy.registry;

/**
 * The {@code BLOB_MOUNTING} account setting. When enabled, a push whose client asks to mount a
 * layer from another repository of the same registry (the OCI cross-repository blob mount) reuses
 * the stored layer instead of uploading a copy. ECR mounts only between repositories with the same
 * encryption type and key, and never for images cached through pull through cache.
 */
public enum BlobMounting implements AccountSettingValue {
  ENABLED,
  DISABLED;

  @Override
  public AccountSettingName settingName() {
    return AccountSettingName.BLOB_MOUNTING;
  }
}
