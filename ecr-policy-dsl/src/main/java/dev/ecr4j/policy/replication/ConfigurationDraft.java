package dev.ecr4j.policy.replication;

import dev.ecr4j.policy.internal.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable state behind {@link ReplicationConfiguration.Builder}: the rules finished so far.
 * Every step returns a new draft, so a partial chain can be kept and extended twice.
 */
final class ConfigurationDraft implements ReplicationConfiguration.Builder {

  static final ConfigurationDraft EMPTY = new ConfigurationDraft(List.of());

  private final List<ReplicationRule> rules;

  ConfigurationDraft(List<ReplicationRule> rules) {
    this.rules = List.copyOf(rules);
  }

  ConfigurationDraft plus(ReplicationRule rule) {
    List<ReplicationRule> next = new ArrayList<>(rules);
    next.add(rule);
    return new ConfigurationDraft(next);
  }

  @Override
  public ReplicationConfiguration.RuleStep repositoriesStartingWith(
      String prefix, String... morePrefixes) {
    List<RepositoryFilter> filters = new ArrayList<>();
    for (String each : Lists.of(prefix, "prefix", "morePrefixes", morePrefixes)) {
      filters.add(filter(each));
    }
    return RuleDraft.start(this, filters);
  }

  @Override
  public ReplicationConfiguration.RuleStep allRepositories() {
    return RuleDraft.start(this, List.of());
  }

  @Override
  public ReplicationConfiguration.Builder rule(ReplicationRule rule) {
    return plus(Objects.requireNonNull(rule, "rule"));
  }

  @Override
  public ReplicationConfiguration build() {
    return ReplicationConfiguration.of(rules).validate();
  }

  private static RepositoryFilter filter(String prefix) {
    RuleDraft.requireValid(ReplicationConfigurationValidator.filterViolations(prefix), "prefix");
    return RepositoryFilter.prefix(prefix);
  }
}
