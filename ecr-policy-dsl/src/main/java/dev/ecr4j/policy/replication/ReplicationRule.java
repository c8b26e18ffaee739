package dev.ecr4j.policy.replication;

import dev.ecr4j.policy.internal.Lists;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a replication configuration: the repositories it selects, and the registries and
 * Regions their images are copied to.
 *
 * <p>A rule selects the repositories that match any one of its filters, or every repository of the
 * registry when it has none. An empty filter list means that the key is absent: ECR rejects an
 * empty list, so {@link ReplicationConfiguration#toJson()} never writes one.
 *
 * <p>This record accepts any combination of values, valid or not, so that a configuration read from
 * JSON can be reported in full by {@link ReplicationConfiguration#violations()}. Equality is
 * semantic: the order of destinations and of filters is ignored, and an absent {@code
 * deleteReplication} equals {@code false}, the behaviour ECR assumes. Repetition is not ignored,
 * because a repeated destination or filter changes the JSON and counts towards ECR's limits.
 *
 * @param destinations where the selected repositories are replicated
 * @param repositoryFilters which repositories are replicated; empty for every repository
 * @param deleteReplication the {@code enabled} flag of the rule's {@code deleteReplication} object:
 *     whether image deletions and tag removals are replicated too; {@code null} when the object is
 *     absent
 */
// NOTE: deleteReplication is documented in the ECR user guide ("Replicating image deletions"), the
// CloudFormation reference and the AWS SDKs, but the botocore 1.43 model (2026-08) does not have it
// yet,
// so older AWS CLI versions reject it before sending.
public record ReplicationRule(
    List<ReplicationDestination> destinations,
    List<RepositoryFilter> repositoryFilters,
    @Nullable Boolean deleteReplication) {

  /**
   * Creates a rule.
   *
   * @throws NullPointerException naming the parameter when a list is null or contains null
   */
  public ReplicationRule {
    destinations = Lists.copyOf(destinations, "destinations");
    repositoryFilters = Lists.copyOf(repositoryFilters, "repositoryFilters");
  }

  /** Creates a rule that replicates images only, not deletions, and writes no such setting. */
  public static ReplicationRule of(
      List<ReplicationDestination> destinations, List<RepositoryFilter> repositoryFilters) {
    return new ReplicationRule(destinations, repositoryFilters, null);
  }

  /** Returns true when this rule replicates image deletions and tag removals. */
  public boolean replicatesDeletes() {
    return Boolean.TRUE.equals(deleteReplication);
  }

  /**
   * Returns true when this rule selects the repository named {@code repositoryName}: the rule has
   * no filters, or one of them matches.
   */
  public boolean appliesTo(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");

    // NOTE: ECR's documentation does not say how several filters combine; any one matching is the
    // reading its console and examples suggest.
    if (repositoryFilters.isEmpty()) {
      return true;
    }
    for (RepositoryFilter filter : repositoryFilters) {
      if (filter.matches(repositoryName)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ReplicationRule that)) {
      return false;
    }
    return Lists.equalIgnoringOrder(destinations, that.destinations)
        && Lists.equalIgnoringOrder(repositoryFilters, that.repositoryFilters)
        && replicatesDeletes() == that.replicatesDeletes();
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Lists.hashIgnoringOrder(destinations),
        Lists.hashIgnoringOrder(repositoryFilters),
        replicatesDeletes());
  }
}
