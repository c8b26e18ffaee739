package dev.ecr4j.core;

import java.util.List;
import java.util.Objects;

/**
 * A public registry as {@code DescribeRegistries} returns it.
 *
 * @param registryId the account id of the registry
 * @param arn the registry ARN
 * @param uri the registry URI, such as {@code public.ecr.aws/alias}
 * @param verified whether the account is verified, which the gallery needs to show the registry's
 *     display name and logos
 * @param aliases the registry's aliases
 */
public record PublicRegistry(
    String registryId, String arn, String uri, boolean verified, List<Alias> aliases) {

  public PublicRegistry {
    Objects.requireNonNull(registryId, "registryId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(uri, "uri");
    aliases = List.copyOf(aliases);
  }

  /**
   * An alias of a public registry, the path segment after {@code public.ecr.aws/}.
   *
   * @param name the alias
   * @param status {@code ACTIVE}, {@code PENDING} or {@code REJECTED}
   * @param primary whether this is the registry's primary alias
   * @param defaultAlias whether this is the alias ECR Public assigned by default
   */
  public record Alias(String name, String status, boolean primary, boolean defaultAlias) {

    public Alias {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
    }
  }
}
