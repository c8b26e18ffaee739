package dev.ecr4j.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The encryption of a repository's images, fixed when the repository is created.
 *
 * @param type {@code AES256}, {@code KMS} or {@code KMS_DSSE}
 * @param kmsKey the KMS key ARN or id for the KMS types; {@code null} for the AWS managed key
 */
public record Encryption(String type, @Nullable String kmsKey) {

  /** Amazon S3 managed keys, ECR's default. */
  public static final Encryption AES256 = new Encryption("AES256", null);

  public Encryption {
    Objects.requireNonNull(type, "type");
    if (!type.equals("AES256") && !type.equals("KMS") && !type.equals("KMS_DSSE")) {
      throw new IllegalArgumentException(
          "encryption type must be AES256, KMS or KMS_DSSE, but was '" + type + "'");
    }
    if (type.equals("AES256") && kmsKey != null) {
      throw new IllegalArgumentException(
          "a KMS key applies only to the KMS and KMS_DSSE encryption types, not to AES256");
    }
  }

  /** Returns KMS encryption with {@code kmsKey}, or the AWS managed key when it is null. */
  public static Encryption kms(@Nullable String kmsKey) {
    return new Encryption("KMS", kmsKey);
  }

  /** Returns the KMS key, if one was named. */
  public Optional<String> key() {
    return Optional.ofNullable(kmsKey);
  }
}
