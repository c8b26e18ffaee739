package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The private registry of one account in one region: repositories and the registry-level settings.
 * Every read and write holds this object's monitor, so one operation sees a consistent registry.
 */
public final class RegistryState {

  private final String registryId;
  private final String region;
  private final Map<String, RepositoryState> repositories = new TreeMap<>();
  private @Nullable String policyText;
  private @Nullable JsonNode replicationConfiguration;
  private @Nullable JsonNode scanningConfiguration;
  private final Map<String, ObjectNode> pullThroughCacheRules = new TreeMap<>();
  private final Map<String, ObjectNode> creationTemplates = new TreeMap<>();
  private final Map<String, String> accountSettings = new HashMap<>();

  // Principals whose pulls leave lastRecordedPullTime alone, with the time each was added. The
  // registry API reads it under another lock than the control plane writes it, hence concurrent.
  private final ConcurrentNavigableMap<String, Instant> pullTimeExclusions =
      new ConcurrentSkipListMap<>();

  RegistryState(String registryId, String region) {
    this.registryId = registryId;
    this.region = region;
  }

  /** Returns the twelve-digit account id. */
  public String registryId() {
    return registryId;
  }

  /** Returns the region, such as {@code us-east-1}. */
  public String region() {
    return region;
  }

  /** Returns the repositories by name, sorted by name; callers hold this object's monitor. */
  public Map<String, RepositoryState> repositories() {
    return repositories;
  }

  /**
   * Returns the repository named {@code name}.
   *
   * @throws AwsError {@code RepositoryNotFoundException} when there is none
   */
  RepositoryState repository(String name) {
    RepositoryState repository = repositories.get(name);
    if (repository == null) {
      throw AwsError.repositoryNotFound(name, registryId);
    }
    return repository;
  }

  @Nullable String policyText() {
    return policyText;
  }

  void setPolicyText(@Nullable String policyText) {
    this.policyText = policyText;
  }

  @Nullable JsonNode replicationConfiguration() {
    return replicationConfiguration;
  }

  void setReplicationConfiguration(JsonNode configuration) {
    this.replicationConfiguration = configuration;
  }

  @Nullable JsonNode scanningConfiguration() {
    return scanningConfiguration;
  }

  void setScanningConfiguration(JsonNode configuration) {
    this.scanningConfiguration = configuration;
  }

  Map<String, ObjectNode> pullThroughCacheRules() {
    return pullThroughCacheRules;
  }

  Map<String, ObjectNode> creationTemplates() {
    return creationTemplates;
  }

  Map<String, String> accountSettings() {
    return accountSettings;
  }

  /** Returns the principals excluded from pull-time updates, by ARN, with when each was added. */
  ConcurrentNavigableMap<String, Instant> pullTimeExclusions() {
    return pullTimeExclusions;
  }

  /** Returns whether a pull by {@code principalArn} updates an image's lastRecordedPullTime. */
  boolean recordsPullsBy(String principalArn) {
    return !pullTimeExclusions.containsKey(principalArn);
  }
}
