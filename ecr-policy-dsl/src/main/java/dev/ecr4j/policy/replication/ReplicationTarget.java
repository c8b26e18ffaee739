package dev.ecr4j.policy.replication;

import java.util.Objects;

/**
 * A destination of one repository's images, as computed by {@link
 * ReplicationConfiguration#targetsFor(String)}.
 *
 * @param destination the registry and Region the images are copied to
 * @param replicatesDeletes whether image deletions and tag removals in the source repository are
 *     replicated to {@code destination} too
 */
public record ReplicationTarget(ReplicationDestination destination, boolean replicatesDeletes) {

  public ReplicationTarget {
    Objects.requireNonNull(destination, "destination");
  }
}
