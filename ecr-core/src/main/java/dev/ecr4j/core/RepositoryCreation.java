package dev.ecr4j.core;

import java.util.List;
import java.util.Objects;

/**
 * The result of creating a repository idempotently.
 *
 * @param repository the repository, new or existing
 * @param created whether this call created it
 * @param differences for an existing repository, each setting that differs from the request, such
 *     as {@code tagMutability: requested IMMUTABLE, actual MUTABLE}; empty when all match
 */
public record RepositoryCreation(Repository repository, boolean created, List<String> differences) {

  public RepositoryCreation {
    Objects.requireNonNull(repository, "repository");
    differences = List.copyOf(differences);
  }

  /** Returns whether the repository now has every requested setting. */
  public boolean matchesRequest() {
    return differences.isEmpty();
  }
}
