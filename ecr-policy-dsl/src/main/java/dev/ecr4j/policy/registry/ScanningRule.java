package dev.ecr4j.policy.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a registry scanning configuration: the repositories its filters match are scanned at
 * its frequency. Equality ignores the order of the filters.
 *
 * @param scanFrequency when the matched repositories are scanned
 * @param repositoryFilters the filters; a repository is matched when any of them matches it
 */
public record ScanningRule(
    ScanFrequency scanFrequency, List<ScanningRepositoryFilter> repositoryFilters) {

  public ScanningRule {
    Objects.requireNonNull(scanFrequency, "scanFrequency");
    repositoryFilters = List.copyOf(repositoryFilters);
  }

  /** Creates a rule from wildcard filters. */
  public static ScanningRule of(ScanFrequency scanFrequency, String filter, String... moreFilters) {
    List<ScanningRepositoryFilter> filters = new ArrayList<>();
    filters.add(new ScanningRepositoryFilter(filter));
    for (String more : moreFilters) {
      filters.add(new ScanningRepositoryFilter(more));
    }
    return new ScanningRule(scanFrequency, filters);
  }

  /** Returns true when one of the filters matches {@code repositoryName}. */
  public boolean matches(String repositoryName) {
    return repositoryFilters.stream().anyMatch(filter -> filter.matches(repositoryName));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ScanningRule that
        && scanFrequency == that.scanFrequency
        && new HashSet<>(repositoryFilters).equals(new HashSet<>(that.repositoryFilters));
  }

  @Override
  public int hashCode() {
    return Objects.hash(scanFrequency, new HashSet<>(repositoryFilters));
  }
}
