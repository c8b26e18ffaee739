package dev.ecr4j.policy.registry;

/** The encryption of a repository's images at rest. Constants are spelled as in ECR's API. */
public enum EncryptionType {
  /** Server-side encryption with Amazon S3 managed keys; ECR's default. */
  AES256,
  /** Server-side encryption with a KMS key: the AWS managed key for ECR, or one you name. */
  KMS,
  /** Dual-layer server-side encryption with a KMS key. */
  KMS_DSSE;

  /** Returns true for the types that use a KMS key and so accept {@code kmsKey}. */
  public boolean usesKmsKey() {
    return this != AES256;
  }
}
