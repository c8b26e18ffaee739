package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.policy.replication.ReplicationDestination;
import dev.ecr4j.policy.replication.ReplicationRule;
import dev.ecr4j.policy.replication.RepositoryFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;

/**
 * Operations on the registry's replication configuration, as the policy DSL's {@link
 * ReplicationConfiguration}. Obtained from {@link Ecr4jClient#replication()}; thread-safe.
 */
public final class Replication {

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;

  Replication(EcrClient ecr, EcrCalls calls, @Nullable String registryId) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
  }

  /** Returns the registry's replication configuration; empty when nothing replicates. */
  public ReplicationConfiguration get() {
    DescribeRegistryResponse response =
        calls.call(
            "DescribeRegistry",
            override -> ecr.describeRegistry(request -> request.overrideConfiguration(override)));
    if (response.replicationConfiguration() == null
        || !response.replicationConfiguration().hasRules()) {
      return ReplicationConfiguration.none();
    }
    List<ReplicationRule> rules = new ArrayList<>();
    for (var rule : response.replicationConfiguration().rules()) {
      List<ReplicationDestination> destinations = new ArrayList<>();
      rule.destinations()
          .forEach(
              destination ->
                  destinations.add(
                      ReplicationDestination.of(destination.region(), destination.registryId())));
      List<RepositoryFilter> filters = new ArrayList<>();
      if (rule.hasRepositoryFilters()) {
        rule.repositoryFilters()
            .forEach(filter -> filters.add(RepositoryFilter.prefix(filter.filter())));
      }
      rules.add(ReplicationRule.of(destinations, filters));
    }
    return ReplicationConfiguration.of(rules);
  }

  /**
   * Validates {@code configuration} locally, then replaces the registry's replication configuration
   * with it.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the configuration is invalid
   */
  public void put(ReplicationConfiguration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    if (registryId != null) {
      configuration.validate(calls.region(), registryId);
    } else {
      configuration.validate();
    }
    List<software.amazon.awssdk.services.ecr.model.ReplicationRule> rules = new ArrayList<>();
    for (ReplicationRule rule : configuration.rules()) {
      // NOTE: SDK 2.59.1 has no deleteReplication field, so such a rule cannot be sent faithfully.
      if (rule.deleteReplication() != null) {
        throw new IllegalArgumentException(
            "deleteReplication is set on a replication rule, but the AWS SDK 2.59.1 model cannot"
                + " send it; remove the setting or configure it outside ecr4j");
      }
      rules.add(
          software.amazon.awssdk.services.ecr.model.ReplicationRule.builder()
              .destinations(
                  rule.destinations().stream()
                      .map(
                          destination ->
                              software.amazon.awssdk.services.ecr.model.ReplicationDestination
                                  .builder()
                                  .region(destination.region())
                                  .registryId(destination.registryId())
                                  .build())
                      .toList())
              .repositoryFilters(
                  rule.repositoryFilters().isEmpty()
                      ? null
                      : rule.repositoryFilters().stream()
                          .map(
                              filter ->
                                  software.amazon.awssdk.services.ecr.model.RepositoryFilter
                                      .builder()
                                      .filter(filter.filter())
                                      .filterType(filter.filterType().json())
                                      .build())
                          .toList())
              .build());
    }
    calls.call(
        "PutReplicationConfiguration",
        override ->
            ecr.putReplicationConfiguration(
                request ->
                    request
                        .replicationConfiguration(config -> config.rules(rules))
                        .overrideConfiguration(override)));
  }
}
