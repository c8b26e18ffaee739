package dev.ecr4j.policy.replication;

import java.util.Objects;

/**
 * One entry of a replication rule's {@code repositoryFilters}: which repositories of the source
 * registry the rule replicates.
 *
 * <p>The record accepts any value, valid or not, so that a configuration read from JSON can be
 * reported in full. {@link ReplicationConfiguration#violations()} lists what ECR would reject.
 *
 * @param filter the repository name prefix; ECR requires 2 to 256 characters of the kind repository
 *     names are made of: lowercase letters, digits, {@code .}, {@code _}, {@code -} and {@code /}
 * @param filterType how {@code filter} is matched; {@code PREFIX_MATCH} is the only type
 */
public record RepositoryFilter(String filter, RepositoryFilterType filterType) {

  public RepositoryFilter {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(filterType, "filterType");
  }

  /** Creates a filter that selects the repositories whose names start with {@code prefix}. */
  public static RepositoryFilter prefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return new RepositoryFilter(prefix, RepositoryFilterType.PREFIX_MATCH);
  }

  /**
   * Returns true when this filter selects the repository named {@code repositoryName}. The match is
   * case-sensitive; repository names and valid filters are lowercase anyway.
   */
  public boolean matches(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    return switch (filterType) {
      case PREFIX_MATCH -> repositoryName.startsWith(filter);
    };
  }
}
