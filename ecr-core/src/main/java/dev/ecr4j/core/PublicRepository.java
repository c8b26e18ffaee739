package dev.ecr4j.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A repository in ECR Public, as {@code DescribeRepositories} returns it.
 *
 * @param name the repository name, such as {@code tools/cli}
 * @param arn the repository ARN, such as {@code arn:aws:ecr-public::123456789012:repository/cli}
 * @param registryId the account id of the public registry
 * @param uri the repository URI, such as {@code public.ecr.aws/alias/tools/cli}
 * @param createdAt when the repository was created
 */
public record PublicRepository(
    String name, String arn, String registryId, String uri, Instant createdAt) {

  public PublicRepository {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(registryId, "registryId");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
