package dev.ecr4j.state;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.Repository;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ResourceTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads the live state that a specification manages, or all of it for an import, with a bounded
 * number of calls in flight.
 *
 * <p>Calls: one DescribeRepositories per 1,000 repositories, and for each repository that exists
 * and is listed in the specification at most one ListTagsForResource, one GetLifecyclePolicy and
 * one GetRepositoryPolicy, each only when the specification manages that part. Registry-wide
 * settings cost one call each when managed. The number of calls is therefore linear in the number
 * of listed repositories.
 */
final class LiveReader {

  /** The parts of one repository to read. */
  record RepositoryNeeds(boolean tags, boolean lifecyclePolicy, boolean repositoryPolicy) {
    static final RepositoryNeeds ALL = new RepositoryNeeds(true, true, true);

    boolean any() {
      return tags || lifecyclePolicy || repositoryPolicy;
    }
  }

  /** The parts of the registry to read. */
  record Needs(
      Set<AccountSettingName> accountSettings,
      boolean registryPolicy,
      boolean replication,
      boolean scanning,
      boolean creationTemplates,
      boolean pullThroughCacheRules,
      Function<String, RepositoryNeeds> repositories) {

    /** Returns everything, for an import. */
    static Needs all() {
      return new Needs(
          Set.of(AccountSettingName.values()),
          true,
          true,
          true,
          true,
          true,
          name -> RepositoryNeeds.ALL);
    }

    /** Returns what {@code spec} manages or requires to be absent. */
    static Needs of(RegistrySpec spec) {
      java.util.EnumSet<AccountSettingName> settings =
          java.util.EnumSet.noneOf(AccountSettingName.class);
      settings.addAll(spec.accountSettings().keySet());
      if (spec.registryPolicy().isManaged()) {
        // The registry policy is validated against the scope the registry will have.
        settings.add(AccountSettingName.REGISTRY_POLICY_SCOPE);
      }
      return new Needs(
          settings,
          !spec.registryPolicy().isUnmanaged(),
          !spec.replication().isUnmanaged(),
          spec.scanning().isManaged(),
          !spec.creationTemplates().isEmpty()
              || !spec.absentCreationTemplates().isEmpty()
              || spec.unlistedCreationTemplates() == Ownership.ABSENT,
          !spec.pullThroughCacheRules().isEmpty()
              || !spec.absentPullThroughCacheRules().isEmpty()
              || spec.unlistedPullThroughCacheRules() == Ownership.ABSENT,
          name -> {
            RepositorySpec repository = spec.repositories().get(name);
            if (repository == null) {
              return new RepositoryNeeds(false, false, false);
            }
            return new RepositoryNeeds(
                repository.tags().isManaged(),
                !repository.lifecyclePolicy().isUnmanaged(),
                !repository.repositoryPolicy().isUnmanaged());
          });
    }
  }

  private final Ecr4jClient client;
  private final int parallelism;

  LiveReader(Ecr4jClient client, int parallelism) {
    this.client = client;
    this.parallelism = parallelism;
  }

  /** Reads what {@code needs} lists. */
  LiveRegistry read(Needs needs) {
    LiveRegistry live = new LiveRegistry(client.region(), client.accountId().orElse(null));
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            task -> {
              Thread thread = new Thread(task, "ecr4j-plan-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> reads = new ArrayList<>();
      submitRegistryReads(needs, live, pool, reads);

      // The listing is sequential, because each page needs the previous page's token.
      List<Repository> repositories = client.repositories().list().toList();
      if (client.accountId().isEmpty() && !repositories.isEmpty()) {
        // Without a configured account, the repositories name the registry they belong to.
        live.accountId = repositories.get(0).registryId();
      }
      for (Repository repository : repositories) {
        LiveRegistry.LiveRepository entry = live.add(repository);
        RepositoryNeeds repositoryNeeds = needs.repositories().apply(repository.name());
        if (repositoryNeeds.tags()) {
          reads.add(pool.submit(() -> readTags(entry)));
        }
        if (repositoryNeeds.lifecyclePolicy()) {
          reads.add(pool.submit(() -> readLifecyclePolicy(entry)));
        }
        if (repositoryNeeds.repositoryPolicy()) {
          reads.add(pool.submit(() -> readRepositoryPolicy(entry)));
        }
      }
      awaitAll(reads);
      return live;
    } finally {
      pool.shutdownNow();
    }
  }

  private void submitRegistryReads(
      Needs needs, LiveRegistry live, ExecutorService pool, List<Future<?>> reads) {
    for (AccountSettingName name : needs.accountSettings()) {
      reads.add(
          pool.submit(() -> live.accountSettings.put(name, client.accountSettings().get(name))));
    }
    if (needs.registryPolicy()) {
      reads.add(pool.submit(() -> live.registryPolicy = readRegistryPolicy()));
    }
    if (needs.replication()) {
      reads.add(pool.submit(() -> live.replication = client.replication().get()));
    }
    if (needs.scanning()) {
      reads.add(pool.submit(() -> live.scanning = client.scanning().registryConfiguration()));
    }
    if (needs.creationTemplates()) {
      reads.add(
          pool.submit(
              () -> {
                Map<String, RepositoryCreationTemplate> templates = new LinkedHashMap<>();
                client
                    .creationTemplates()
                    .list()
                    .forEach(template -> templates.put(template.prefix(), template));
                live.creationTemplates = templates;
              }));
    }
    if (needs.pullThroughCacheRules()) {
      reads.add(
          pool.submit(
              () -> {
                Map<String, PullThroughCacheRule> rules = new LinkedHashMap<>();
                client
                    .pullThroughCache()
                    .list()
                    .forEach(rule -> rules.put(rule.ecrRepositoryPrefix(), rule));
                live.pullThroughCacheRules = rules;
              }));
    }
  }

  private void readTags(LiveRegistry.LiveRepository entry) {
    Map<String, String> tags = new LinkedHashMap<>(client.repositories().tags(entry.repository));
    // Tags with the aws: prefix belong to AWS services; users can neither set nor remove them.
    tags.keySet().removeIf(key -> key.startsWith(ResourceTags.RESERVED_PREFIX));
    entry.tags = ResourceTags.of(tags);
  }

  private void readLifecyclePolicy(LiveRegistry.LiveRepository entry) {
    LiveDocument<LifecyclePolicy> document;
    try {
      Optional<LifecyclePolicy> policy = client.lifecycle().get(entry.repository.name());
      document = policy.map(LiveDocument::of).orElse(LiveDocument.none());
    } catch (InvalidPolicyException outsideGrammar) {
      document = LiveDocument.unreadable(null, firstLine(outsideGrammar));
    }
    entry.lifecyclePolicy = document;
  }

  private void readRepositoryPolicy(LiveRegistry.LiveRepository entry) {
    Optional<String> text = client.policies().repositoryPolicyText(entry.repository.name());
    entry.repositoryPolicy = text.map(LiveReader::repositoryPolicy).orElse(LiveDocument.none());
  }

  private LiveDocument<RegistryPolicy> readRegistryPolicy() {
    Optional<String> text = client.policies().registryPolicyText();
    if (text.isEmpty()) {
      return LiveDocument.none();
    }
    try {
      return LiveDocument.of(RegistryPolicy.parse(text.get()));
    } catch (InvalidPolicyException outsideGrammar) {
      return LiveDocument.unreadable(text.get(), firstLine(outsideGrammar));
    }
  }

  private static LiveDocument<RepositoryPolicy> repositoryPolicy(String text) {
    try {
      return LiveDocument.of(RepositoryPolicy.parse(text));
    } catch (InvalidPolicyException outsideGrammar) {
      return LiveDocument.unreadable(text, firstLine(outsideGrammar));
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** Waits for every read and rethrows the first failure as it was thrown. */
  private static void awaitAll(List<Future<?>> reads) {
    for (Future<?> read : reads) {
      try {
        read.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Ecr4jException("Interrupted while reading the live registry", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new Ecr4jException("Reading the live registry failed: " + cause, cause);
      }
    }
  }
}
