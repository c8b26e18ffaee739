package dev.ecr4j.policy.replication;

import java.util.Objects;

/**
 * One entry of a replication rule's {@code destinations}: a private registry, identified by its AWS
 * account ID, in one Region.
 *
 * <p>The record accepts any value, valid or not, so that a configuration read from JSON can be
 * reported in full. {@link ReplicationConfiguration#violations()} lists what ECR would reject.
 *
 * @param region the Region to replicate to, such as {@code us-west-2}; ECR requires 2 to 25
 *     lowercase letters, digits and hyphens
 * @param registryId the 12-digit AWS account ID of the destination registry; for cross-Region
 *     replication within one registry, the source account's own ID
 */
public record ReplicationDestination(String region, String registryId) {

  public ReplicationDestination {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(registryId, "registryId");
  }

  /** Creates a destination; the arguments are in the order ECR's JSON writes them. */
  public static ReplicationDestination of(String region, String registryId) {
    return new ReplicationDestination(region, registryId);
  }

  /** Formats the destination for messages, as {@code registryId/region}. */
  @Override
  public String toString() {
    return registryId + "/" + region;
  }
}
