package dev.ecr4j.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A repository as ECR describes it.
 *
 * @param name the repository name, such as {@code team/app}
 * @param arn the repository ARN
 * @param registryId the account id of the registry
 * @param uri the repository URI, such as {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app}
 * @param createdAt when the repository was created
 * @param tagMutability whether tags can be overwritten
 * @param mutabilityExclusions the wildcard filters of the {@code *_WITH_EXCLUSION} mutabilities
 * @param scanOnPush whether images are scanned when pushed (the repository-level setting)
 * @param encryption how images are encrypted
 */
public record Repository(
    String name,
    String arn,
    String registryId,
    String uri,
    Instant createdAt,
    TagMutability tagMutability,
    List<String> mutabilityExclusions,
    boolean scanOnPush,
    Encryption encryption) {

  public Repository {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(registryId, "registryId");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(tagMutability, "tagMutability");
    mutabilityExclusions = List.copyOf(mutabilityExclusions);
    Objects.requireNonNull(encryption, "encryption");
  }
}
