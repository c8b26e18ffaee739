package dev.ecr4j.policy.replication;

import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The immutable state of a rule being written, and of the configuration before it. */
record RuleDraft(
    ConfigurationDraft before,
    List<RepositoryFilter> filters,
    List<ReplicationDestination> destinations,
    boolean replicatesDeletes)
    implements ReplicationConfiguration.RuleStep, ReplicationConfiguration.DestinationStep {

  static RuleDraft start(ConfigurationDraft before, List<RepositoryFilter> filters) {
    return new RuleDraft(before, List.copyOf(filters), List.of(), false);
  }

  @Override
  public RuleDraft to(String region, String registryId) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(registryId, "registryId");
    return to(ReplicationDestination.of(region, registryId));
  }

  @Override
  public RuleDraft to(ReplicationDestination destination) {
    Objects.requireNonNull(destination, "destination");
    requireValid(
        ReplicationConfigurationValidator.destinationViolations(destination), "destination");
    List<ReplicationDestination> next = new ArrayList<>(destinations);
    next.add(destination);
    return new RuleDraft(before, filters, next, replicatesDeletes);
  }

  @Override
  public RuleDraft replicatingDeletes() {
    return new RuleDraft(before, filters, destinations, true);
  }

  @Override
  public ReplicationConfiguration.RuleStep repositoriesStartingWith(
      String prefix, String... morePrefixes) {
    return finish().repositoriesStartingWith(prefix, morePrefixes);
  }

  @Override
  public ReplicationConfiguration.RuleStep allRepositories() {
    return finish().allRepositories();
  }

  @Override
  public ReplicationConfiguration.Builder rule(ReplicationRule rule) {
    return finish().rule(rule);
  }

  @Override
  public ReplicationConfiguration build() {
    return finish().build();
  }

  /** Returns the configuration with this rule added. Deletion replication is written only if on. */
  private ConfigurationDraft finish() {
    return before.plus(new ReplicationRule(destinations, filters, replicatesDeletes ? true : null));
  }

  static void requireValid(List<PolicyViolation> violations, String argument) {
    if (violations.isEmpty()) {
      return;
    }
    PolicyViolation first = violations.get(0);
    throw new IllegalArgumentException(
        "invalid " + argument + ": " + first.message() + " Fix: " + first.fix());
  }
}
