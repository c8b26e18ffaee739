package dev.ecr4j.state;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.policy.registry.ResourceTags;
import java.util.Optional;

/** Turns a complete snapshot of a live registry into a specification that manages all of it. */
final class Importer {

  private Importer() {}

  static RegistrySpec toSpec(LiveRegistry live, Ecr4jClient client) {
    RegistrySpec.Builder spec = RegistrySpec.builder().region(client.region());
    Optional<String> account =
        client
            .accountId()
            .or(
                () ->
                    live.repositories.values().stream()
                        .map(repository -> repository.repository.registryId())
                        .findFirst());
    account.ifPresent(spec::accountId);

    live.accountSettings.values().forEach(spec::accountSetting);
    LiveDocument<dev.ecr4j.policy.iam.RegistryPolicy> registryPolicy = live.registryPolicy;
    if (registryPolicy != null && registryPolicy.exists()) {
      spec.registryPolicy(readable(registryPolicy, "the registry policy"));
    }
    if (live.replication != null && !live.replication.isEmpty()) {
      spec.replication(live.replication);
    }
    if (live.scanning != null) {
      spec.scanning(live.scanning);
    }
    if (live.creationTemplates != null) {
      live.creationTemplates.values().forEach(spec::creationTemplate);
    }
    if (live.pullThroughCacheRules != null) {
      live.pullThroughCacheRules.values().forEach(spec::pullThroughCacheRule);
    }

    for (LiveRegistry.LiveRepository entry : live.sortedRepositories().values()) {
      String name = entry.repository.name();
      RepositorySpec.Builder repository =
          RepositorySpec.builder(name)
              .tagMutability(Conversions.tagMutability(entry.repository))
              .scanOnPush(entry.repository.scanOnPush())
              .encryption(Conversions.encryption(entry.repository));
      ResourceTags tags = entry.tags;
      if (tags != null) {
        repository.tags(tags);
      }
      LiveDocument<dev.ecr4j.policy.lifecycle.LifecyclePolicy> lifecycle = entry.lifecyclePolicy;
      if (lifecycle != null && lifecycle.exists()) {
        repository.lifecyclePolicy(readable(lifecycle, "the lifecycle policy of " + name));
      }
      LiveDocument<dev.ecr4j.policy.iam.RepositoryPolicy> policy = entry.repositoryPolicy;
      if (policy != null && policy.exists()) {
        repository.repositoryPolicy(readable(policy, "the repository policy of " + name));
      }
      spec.repository(repository.build());
    }
    return spec.build();
  }

  private static <T> T readable(LiveDocument<T> document, String description) {
    return document
        .value()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot import "
                        + description
                        + ", because ecr4j cannot read it: "
                        + document.problem().orElse("unknown problem")
                        + ". Fix the stored document or remove it, then import again"));
  }
}
