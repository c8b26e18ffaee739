package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.internal.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a registry scanning configuration: the repositories its filters match are scanned at
 * its frequency. Equality ignores the order of the filters but not a repeated filter, which changes
 * the JSON and counts towards ECR's limit of filters per rule.
 *
 * @param scanFrequency when the matched repositories are scanned
 * @param repositoryFilters the filters; a repository is matched when any of them matches it
 */
public record ScanningRule(
    ScanFrequency scanFrequency, List<ScanningRepositoryFilter> repositoryFilters) {

  /**
   * Creates a rule.
   *
   * @throws NullPointerException naming the parameter when an argument is null or {@code
   *     repositoryFilters} contains null
   */
  public ScanningRule {
    Objects.requireNonNull(scanFrequency, "scanFrequency");
    repositoryFilters = Lists.copyOf(repositoryFilters, "repositoryFilters");
  }

  /** Creates a rule from wildcard filters. */
  public static ScanningRule of(ScanFrequency scanFrequency, String filter, String... moreFilters) {
    Objects.requireNonNull(scanFrequency, "scanFrequency");
    List<ScanningRepositoryFilter> filters = new ArrayList<>();
    for (String each : Lists.of(filter, "filter", "moreFilters", moreFilters)) {
      filters.add(new ScanningRepositoryFilter(each));
    }
    return new ScanningRule(scanFrequency, filters);
  }

  /** Returns true when one of the filters matches {@code repositoryName}. */
  public boolean matches(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    return repositoryFilters.stream().anyMatch(filter -> filter.matches(repositoryName));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ScanningRule that
        && scanFrequency == that.scanFrequency
        && Lists.equalIgnoringOrder(repositoryFilters, that.repositoryFilters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scanFrequency, Lists.hashIgnoringOrder(repositoryFilters));
  }
}
