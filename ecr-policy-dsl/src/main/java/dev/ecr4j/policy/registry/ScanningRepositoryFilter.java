package dev.ecr4j.policy.registry;

import java.util.Objects;

/**
 * A filter on repository names in a scanning rule. ECR defines one filter type, {@code WILDCARD}: a
 * filter without {@code *} matches every name that contains it, and a filter with {@code *} must
 * match the whole name, each {@code *} standing for any run of characters, including none. So
 * {@code prod} matches {@code repo-prod-repo}, while {@code prod*} matches {@code prod-repo} but
 * not {@code repo-prod}.
 *
 * @param filter the filter, 1 to 255 lowercase letters, digits and {@code *}, with single {@code
 *     .}, {@code _}, {@code -} or {@code /} between them
 */
public record ScanningRepositoryFilter(String filter) {

  /** The only filter type ECR defines for scanning rules. */
  public static final String FILTER_TYPE = "WILDCARD";

  public ScanningRepositoryFilter {
    Objects.requireNonNull(filter, "filter");
  }

  /** Creates a {@code WILDCARD} filter. */
  public static ScanningRepositoryFilter wildcard(String filter) {
    return new ScanningRepositoryFilter(filter);
  }

  /** Returns true when the filter selects the repository named {@code repositoryName}. */
  public boolean matches(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    if (filter.indexOf('*') < 0) {
      return repositoryName.contains(filter);
    }
    return Wildcard.matches(filter, repositoryName);
  }
}
