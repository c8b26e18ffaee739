package dev.ecr4j.state;

import dev.ecr4j.core.Encryption;
import dev.ecr4j.core.Repository;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.EncryptionType;
import dev.ecr4j.policy.registry.ImageTagMutability;
import dev.ecr4j.policy.registry.ImageTagMutabilityExclusionFilter;
import dev.ecr4j.policy.registry.TagMutability;
import java.util.ArrayList;
import java.util.List;

/** Converts between the client's repository values and the policy DSL's. */
final class Conversions {

  private Conversions() {}

  /** Returns the live tag mutability of {@code repository} as the DSL's value. */
  static TagMutability tagMutability(Repository repository) {
    List<ImageTagMutabilityExclusionFilter> filters = new ArrayList<>();
    repository
        .mutabilityExclusions()
        .forEach(filter -> filters.add(ImageTagMutabilityExclusionFilter.wildcard(filter)));
    return new TagMutability(
        ImageTagMutability.valueOf(repository.tagMutability().name()), filters);
  }

  /** Returns the client's tag mutability mode for the DSL's. */
  static dev.ecr4j.core.TagMutability coreMode(TagMutability mutability) {
    return dev.ecr4j.core.TagMutability.valueOf(mutability.mode().name());
  }

  /** Returns the exclusion filters as the client takes them. */
  static List<String> filters(TagMutability mutability) {
    return mutability.exclusionFilters().stream()
        .map(ImageTagMutabilityExclusionFilter::filter)
        .toList();
  }

  /** Returns the live encryption of {@code repository} as the DSL's value. */
  static EncryptionConfiguration encryption(Repository repository) {
    Encryption encryption = repository.encryption();
    return new EncryptionConfiguration(
        EncryptionType.valueOf(encryption.type()), encryption.kmsKey());
  }

  /** Returns the client's encryption for the DSL's. */
  static Encryption coreEncryption(EncryptionConfiguration encryption) {
    return new Encryption(encryption.encryptionType().name(), encryption.kmsKey());
  }

  /**
   * Returns true when a repository with the live encryption satisfies the desired one. A desired
   * configuration without a key accepts any key of its type, because ECR then picks the AWS managed
   * key and reports its ARN. A key ID matches the ARN that ECR reports for it.
   */
  // NOTE: an alias such as alias/ecr is accepted for any key of its type, because ECR reports
  // the key's ARN, and resolving the alias would need KMS.
  static boolean encryptionMatches(EncryptionConfiguration desired, EncryptionConfiguration live) {
    if (desired.encryptionType() != live.encryptionType()) {
      return false;
    }
    String desiredKey = desired.kmsKey();
    String liveKey = live.kmsKey();
    if (desiredKey == null || desiredKey.equals(liveKey) || desiredKey.contains("alias/")) {
      return true;
    }
    return liveKey != null && liveKey.endsWith("/" + desiredKey);
  }
}
