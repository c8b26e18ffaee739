package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The ECR Public registry of one account: public repositories with their catalog data, and the
 * registry's display name. ECR Public lives in us-east-1 only. Guarded by its own monitor.
 */
final class PublicRegistryState {

  private final String registryId;
  private final String alias;
  private @Nullable String displayName;
  private final Map<String, PublicRepository> repositories = new TreeMap<>();

  PublicRegistryState(String registryId, String alias) {
    this.registryId = registryId;
    this.alias = alias;
  }

  String registryId() {
    return registryId;
  }

  /** Returns the default alias, which public repository URIs use. */
  String alias() {
    return alias;
  }

  @Nullable String displayName() {
    return displayName;
  }

  void setDisplayName(@Nullable String displayName) {
    this.displayName = displayName;
  }

  Map<String, PublicRepository> repositories() {
    return repositories;
  }

  /** One public repository. */
  static final class PublicRepository {
    final String name;
    final Instant createdAt;
    final Map<String, String> tags = new LinkedHashMap<>();
    @Nullable JsonNode catalogData;
    @Nullable String policyText;

    PublicRepository(String name, Instant createdAt) {
      this.name = name;
      this.createdAt = createdAt;
    }
  }
}
