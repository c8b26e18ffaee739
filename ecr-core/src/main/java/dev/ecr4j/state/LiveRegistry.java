package dev.ecr4j.state;

import dev.ecr4j.core.Repository;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the parts of a live registry that one plan needs. A field that is null, or a map
 * without a key, was not read because the specification does not manage it.
 *
 * <p>{@link LiveReader} fills it from several threads, so the per-repository map is concurrent.
 */
final class LiveRegistry {

  /** The parts of one repository read besides what DescribeRepositories returns. */
  static final class LiveRepository {
    final Repository repository;
    volatile @Nullable ResourceTags tags;
    volatile @Nullable LiveDocument<LifecyclePolicy> lifecyclePolicy;
    volatile @Nullable LiveDocument<RepositoryPolicy> repositoryPolicy;

    LiveRepository(Repository repository) {
      this.repository = repository;
    }
  }

  final String region;

  /** The registry's account: the client's, or the one the repositories name; null if unknown. */
  volatile @Nullable String accountId;

  final Map<String, LiveRepository> repositories = new ConcurrentHashMap<>();
  final Map<AccountSettingName, AccountSetting> accountSettings =
      Collections.synchronizedMap(new EnumMap<>(AccountSettingName.class));
  volatile @Nullable LiveDocument<RegistryPolicy> registryPolicy;
  volatile @Nullable ReplicationConfiguration replication;
  volatile @Nullable ScanningConfiguration scanning;
  volatile @Nullable Map<String, RepositoryCreationTemplate> creationTemplates;
  volatile @Nullable Map<String, PullThroughCacheRule> pullThroughCacheRules;

  /**
   * Creates an empty snapshot of the registry of {@code accountId}, if known, in {@code region}.
   */
  LiveRegistry(String region, @Nullable String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  /**
   * Returns the registry as plans name it, such as {@code 123456789012 in eu-west-1}, or {@code in
   * eu-west-1} while the account is unknown.
   */
  String registryName() {
    String account = accountId;
    return (account == null ? "" : account + " ") + "in " + region;
  }

  /** Adds a repository as DescribeRepositories returned it, and returns its entry. */
  LiveRepository add(Repository repository) {
    LiveRepository live = new LiveRepository(repository);
    repositories.put(repository.name(), live);
    return live;
  }

  /** Returns the repositories sorted by name. */
  Map<String, LiveRepository> sortedRepositories() {
    return new TreeMap<>(repositories);
  }
}
