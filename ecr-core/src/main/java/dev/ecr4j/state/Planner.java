package dev.ecr4j.state;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.internal.DocumentJson;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes the {@link Plan} that turns a live registry into its specification. It makes no calls:
 * everything it compares was read by {@link LiveReader}, so it can be tested on hand-made
 * snapshots.
 *
 * <p>Documents are compared with the policy DSL's semantic equality, so reordered statements or
 * rules, minified JSON and an account ID versus its root ARN never make a change.
 */
final class Planner {

  private final RegistrySpec spec;
  private final LiveRegistry live;
  private final List<Change> changes = new ArrayList<>();
  private final List<Plan.Conflict> conflicts = new ArrayList<>();

  private Planner(RegistrySpec spec, LiveRegistry live) {
    this.spec = spec;
    this.live = live;
  }

  /** Returns the plan for {@code spec} against {@code live}. */
  static Plan plan(RegistrySpec spec, LiveRegistry live) {
    Planner planner = new Planner(spec, live);
    // The order is the order of apply. Account settings govern the registry policy, and the
    // registry policy grants what replication and pull through cache need. Templates come before
    // the repositories they apply to.
    planner.planAccountSettings();
    planner.planRegistryPolicy();
    planner.planReplication();
    planner.planScanning();
    planner.planCreationTemplates();
    planner.planPullThroughCacheRules();
    planner.planRepositories();
    return new Plan(live.registryName(), planner.changes, planner.conflicts);
  }

  private void planAccountSettings() {
    for (AccountSetting desired : spec.accountSettings().values()) {
      AccountSetting current = live.accountSettings.get(desired.name());
      if (desired.equals(current)) {
        continue;
      }
      changes.add(
          new Change(
              Change.Action.UPDATE,
              ResourceType.ACCOUNT_SETTING,
              desired.name().name(),
              List.of(
                  new FieldChange(
                      "value",
                      current == null ? null : current.value().name(),
                      desired.value().name())),
              false,
              client -> client.accountSettings().put(desired)));
    }
  }

  private void planRegistryPolicy() {
    Desired<RegistryPolicy> desired = spec.registryPolicy();
    LiveDocument<RegistryPolicy> current = live.registryPolicy;
    if (desired.isUnmanaged() || current == null) {
      return;
    }
    if (desired.isAbsent()) {
      if (current.exists()) {
        changes.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.REGISTRY_POLICY,
                "",
                List.of(),
                false,
                client -> client.policies().deleteRegistryPolicy()));
      }
      return;
    }

    RegistryPolicy policy = desired.get();
    RegistryPolicyScope scope = scopeAfterApply();
    List<PolicyViolation> violations = policy.violations(scope);
    if (!violations.isEmpty()) {
      conflicts.add(
          new Plan.Conflict(
              ResourceType.REGISTRY_POLICY.displayName(),
              "The registry policy is invalid for REGISTRY_POLICY_SCOPE "
                  + scope
                  + ": "
                  + violations.get(0),
              scope == RegistryPolicyScope.V1
                  ? "Manage the account setting REGISTRY_POLICY_SCOPE as V2, or grant only"
                      + " ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository."
                  : "Correct the registry policy."));
      return;
    }
    if (current.value().filter(policy::equals).isPresent()) {
      return;
    }
    String text = policy.toJson();
    changes.add(
        new Change(
            current.exists() ? Change.Action.UPDATE : Change.Action.CREATE,
            ResourceType.REGISTRY_POLICY,
            "",
            documentFields(current, RegistryPolicy::toPrettyJson, policy.toPrettyJson()),
            true,
            client -> client.policies().putRegistryPolicyText(text)));
  }

  /** Returns the registry policy scope once the account settings of the plan are applied. */
  private RegistryPolicyScope scopeAfterApply() {
    Optional<RegistryPolicyScope> managed = spec.managedScope();
    if (managed.isPresent()) {
      return managed.get();
    }
    AccountSetting current = live.accountSettings.get(AccountSettingName.REGISTRY_POLICY_SCOPE);
    // ECR's default for new accounts is V2.
    return current == null ? RegistryPolicyScope.V2 : (RegistryPolicyScope) current.value();
  }

  private void planReplication() {
    Desired<ReplicationConfiguration> desired = spec.replication();
    ReplicationConfiguration current = live.replication;
    if (desired.isUnmanaged() || current == null) {
      return;
    }
    if (desired.isAbsent()) {
      if (!current.isEmpty()) {
        changes.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.REPLICATION,
                "",
                List.of(),
                false,
                client -> client.replication().put(ReplicationConfiguration.none())));
      }
      return;
    }
    ReplicationConfiguration configuration = desired.get();
    String account = live.accountId;
    List<PolicyViolation> violations =
        account == null ? List.of() : configuration.violations(live.region, account);
    if (!violations.isEmpty()) {
      // Such as a destination equal to this registry, which ECR rejects.
      conflicts.add(
          new Plan.Conflict(
              ResourceType.REPLICATION.displayName(),
              "The replication configuration is invalid for registry "
                  + live.registryName()
                  + ": "
                  + violations.get(0),
              "Correct the replication configuration."));
      return;
    }
    if (configuration.equals(current)) {
      return;
    }
    changes.add(
        new Change(
            current.isEmpty() ? Change.Action.CREATE : Change.Action.UPDATE,
            ResourceType.REPLICATION,
            "",
            JsonDiff.diff(
                current.isEmpty() ? null : current.toPrettyJson(), configuration.toPrettyJson()),
            false,
            client -> client.replication().put(configuration)));
  }

  private void planScanning() {
    ScanningConfiguration current = live.scanning;
    if (!spec.scanning().isManaged() || current == null) {
      return;
    }
    ScanningConfiguration configuration = spec.scanning().get();
    if (configuration.equals(current)) {
      return;
    }
    changes.add(
        new Change(
            Change.Action.UPDATE,
            ResourceType.SCANNING,
            "",
            JsonDiff.diff(current.toPrettyJson(), configuration.toPrettyJson()),
            false,
            client -> client.scanning().putRegistryConfiguration(configuration)));
  }

  private void planCreationTemplates() {
    Map<String, RepositoryCreationTemplate> current = live.creationTemplates;
    if (current == null) {
      return;
    }
    for (RepositoryCreationTemplate template : spec.creationTemplates().values()) {
      RepositoryCreationTemplate existing = current.get(template.prefix());
      if (template.equals(existing)) {
        continue;
      }
      changes.add(
          new Change(
              existing == null ? Change.Action.CREATE : Change.Action.UPDATE,
              ResourceType.CREATION_TEMPLATE,
              template.prefix(),
              JsonDiff.diff(
                  existing == null ? null : withoutDefaults(existing), withoutDefaults(template)),
              false,
              existing == null
                  ? client -> client.creationTemplates().create(template)
                  : client -> client.creationTemplates().update(template)));
    }
    for (String prefix : new TreeMap<>(current).keySet()) {
      boolean listed = spec.creationTemplates().containsKey(prefix);
      boolean mustGo =
          spec.absentCreationTemplates().contains(prefix)
              || !listed && spec.unlistedCreationTemplates() == Ownership.ABSENT;
      if (mustGo && !listed) {
        changes.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.CREATION_TEMPLATE,
                prefix,
                List.of(),
                false,
                client -> client.creationTemplates().delete(prefix)));
      }
    }
  }

  /**
   * Renders a template without the settings that equal ECR's defaults, which ECR reports although
   * they were never set, so that the diff shows only what the comparison saw.
   */
  private static String withoutDefaults(RepositoryCreationTemplate template) {
    ObjectNode json = (ObjectNode) DocumentJson.read(template.toJson());
    if (template.effectiveEncryption().equals(EncryptionConfiguration.aes256())) {
      json.remove("encryptionConfiguration");
    }
    if (template.effectiveTagMutability().equals(TagMutability.mutable())) {
      json.remove("imageTagMutability");
      json.remove("imageTagMutabilityExclusionFilters");
    }
    return DocumentJson.write(json);
  }

  private void planPullThroughCacheRules() {
    Map<String, PullThroughCacheRule> current = live.pullThroughCacheRules;
    if (current == null) {
      return;
    }
    for (PullThroughCacheRule rule : spec.pullThroughCacheRules().values()) {
      String prefix = rule.ecrRepositoryPrefix();
      PullThroughCacheRule existing = current.get(prefix);
      if (rule.equals(existing)) {
        continue;
      }
      List<FieldChange> fields =
          JsonDiff.diff(existing == null ? null : existing.toPrettyJson(), rule.toPrettyJson());
      if (existing == null) {
        changes.add(
            new Change(
                Change.Action.CREATE,
                ResourceType.PULL_THROUGH_CACHE_RULE,
                prefix,
                fields,
                false,
                client -> client.pullThroughCache().create(rule)));
      } else if (onlyArnsDiffer(existing, rule)) {
        changes.add(
            new Change(
                Change.Action.UPDATE,
                ResourceType.PULL_THROUGH_CACHE_RULE,
                prefix,
                fields,
                false,
                client -> client.pullThroughCache().update(rule)));
      } else {
        // ECR changes only the credential and role ARNs of a rule in place.
        changes.add(
            new Change(
                Change.Action.REPLACE,
                ResourceType.PULL_THROUGH_CACHE_RULE,
                prefix,
                fields,
                false,
                client -> {
                  client.pullThroughCache().delete(prefix);
                  client.pullThroughCache().create(rule);
                }));
      }
    }
    for (String prefix : new TreeMap<>(current).keySet()) {
      boolean listed = spec.pullThroughCacheRules().containsKey(prefix);
      boolean mustGo =
          spec.absentPullThroughCacheRules().contains(prefix)
              || !listed && spec.unlistedPullThroughCacheRules() == Ownership.ABSENT;
      if (mustGo && !listed) {
        changes.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.PULL_THROUGH_CACHE_RULE,
                prefix,
                List.of(),
                false,
                client -> client.pullThroughCache().delete(prefix)));
      }
    }
  }

  private static boolean onlyArnsDiffer(PullThroughCacheRule existing, PullThroughCacheRule rule) {
    return existing.upstreamRegistryUrl().equals(rule.upstreamRegistryUrl())
        && existing.effectiveUpstreamRegistry().equals(rule.effectiveUpstreamRegistry())
        && existing.upstreamRepositoryPrefix().equals(rule.upstreamRepositoryPrefix());
  }

  private void planRepositories() {
    for (RepositorySpec repository : spec.repositories().values()) {
      LiveRegistry.LiveRepository current = live.repositories.get(repository.name());
      if (current == null) {
        planNewRepository(repository);
      } else {
        planExistingRepository(repository, current);
      }
    }

    List<Change> deletions = new ArrayList<>();
    for (Map.Entry<String, LiveRegistry.LiveRepository> entry :
        live.sortedRepositories().entrySet()) {
      String name = entry.getKey();
      boolean listed = spec.repositories().containsKey(name);
      boolean mustGo =
          spec.absentRepositories().contains(name)
              || !listed && spec.unlistedRepositories() == Ownership.ABSENT;
      if (mustGo && !listed) {
        deletions.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.REPOSITORY,
                name,
                List.of(),
                false,
                client -> client.repositories().delete(name, true)));
      }
    }
    changes.addAll(deletions);
  }

  private void planNewRepository(RepositorySpec repository) {
    String name = repository.name();
    List<FieldChange> fields = new ArrayList<>();
    dev.ecr4j.core.RepositorySettings.Builder settings =
        dev.ecr4j.core.RepositorySettings.builder();
    repository
        .tagMutability()
        .value()
        .ifPresent(
            mutability -> {
              fields.addAll(tagMutabilityFields(null, mutability));
              if (mutability.exclusionFilters().isEmpty()) {
                settings.tagMutability(Conversions.coreMode(mutability));
              } else {
                settings.tagMutability(
                    Conversions.coreMode(mutability), Conversions.filters(mutability));
              }
            });
    repository
        .scanOnPush()
        .value()
        .ifPresent(
            scanOnPush -> {
              fields.add(new FieldChange("scanOnPush", null, scanOnPush.toString()));
              settings.scanOnPush(scanOnPush);
            });
    repository
        .encryption()
        .value()
        .ifPresent(
            encryption -> {
              fields.add(new FieldChange("encryption", null, encryption.toJson()));
              settings.encryption(Conversions.coreEncryption(encryption));
            });
    repository
        .tags()
        .value()
        .ifPresent(
            tags -> {
              tags.asMap().forEach((key, value) -> fields.add(tagField(key, null, value)));
              settings.tags(tags.asMap());
            });
    dev.ecr4j.core.RepositorySettings created = settings.build();
    changes.add(
        new Change(
            Change.Action.CREATE,
            ResourceType.REPOSITORY,
            name,
            fields,
            false,
            client -> createRepository(client, name, created)));

    repository
        .lifecyclePolicy()
        .value()
        .ifPresent(policy -> changes.add(putLifecyclePolicy(name, LiveDocument.none(), policy)));
    repository
        .repositoryPolicy()
        .value()
        .ifPresent(policy -> changes.add(setRepositoryPolicy(name, LiveDocument.none(), policy)));
  }

  /**
   * Creates the repository, and fails when someone else created it after the plan with other
   * settings: CreateRepository then leaves it as it is, so the specification would not be met.
   */
  private static void createRepository(
      Ecr4jClient client, String name, dev.ecr4j.core.RepositorySettings settings) {
    dev.ecr4j.core.RepositoryCreation creation = client.repositories().create(name, settings);
    if (!creation.created() && !creation.differences().isEmpty()) {
      throw new IllegalStateException(
          "Repository "
              + name
              + " was created by someone else after the plan, with other settings ("
              + String.join("; ", creation.differences())
              + "), so it was left unchanged; run plan again to see what is left");
    }
  }

  private void planExistingRepository(
      RepositorySpec repository, LiveRegistry.LiveRepository current) {
    String name = repository.name();
    Repository described = current.repository;
    List<FieldChange> fields = new ArrayList<>();
    List<Change.Step> steps = new ArrayList<>();

    if (repository.tagMutability().isManaged()) {
      TagMutability desired = repository.tagMutability().get();
      TagMutability actual = Conversions.tagMutability(described);
      if (!desired.equals(actual)) {
        fields.addAll(tagMutabilityFields(actual, desired));
        steps.add(
            client ->
                client
                    .repositories()
                    .setTagMutability(
                        name, Conversions.coreMode(desired), Conversions.filters(desired)));
      }
    }

    if (repository.scanOnPush().isManaged()) {
      boolean desired = repository.scanOnPush().get();
      if (desired != described.scanOnPush()) {
        fields.add(
            new FieldChange(
                "scanOnPush", Boolean.toString(described.scanOnPush()), Boolean.toString(desired)));
        steps.add(client -> client.repositories().setScanOnPush(name, desired));
      }
    }

    if (repository.encryption().isManaged()) {
      EncryptionConfiguration desired = repository.encryption().get();
      EncryptionConfiguration actual = Conversions.encryption(described);
      if (!Conversions.encryptionMatches(desired, actual)) {
        conflicts.add(
            new Plan.Conflict(
                ResourceType.REPOSITORY.displayName() + " " + name,
                "The encryption is "
                    + actual.toJson()
                    + " but the specification asks for "
                    + desired.toJson()
                    + ", and ECR sets a repository's encryption only when it creates it.",
                "Change the specification to the live encryption, or move the images to a new"
                    + " repository with the desired encryption and delete this one."));
      }
    }

    ResourceTags actualTags = current.tags;
    if (repository.tags().isManaged() && actualTags != null) {
      Map<String, String> desired = repository.tags().get().asMap();
      Map<String, String> actual = actualTags.asMap();
      Map<String, String> toSet = new TreeMap<>();
      List<String> toRemove = new ArrayList<>();
      desired.forEach(
          (key, value) -> {
            if (!value.equals(actual.get(key))) {
              toSet.put(key, value);
              fields.add(tagField(key, actual.get(key), value));
            }
          });
      new TreeMap<>(actual)
          .forEach(
              (key, value) -> {
                if (!desired.containsKey(key)) {
                  toRemove.add(key);
                  fields.add(tagField(key, value, null));
                }
              });
      if (!toSet.isEmpty()) {
        steps.add(client -> client.repositories().tag(name, toSet));
      }
      if (!toRemove.isEmpty()) {
        steps.add(client -> client.repositories().untag(name, toRemove));
      }
    }

    if (!steps.isEmpty()) {
      List<Change.Step> ordered = List.copyOf(steps);
      changes.add(
          new Change(
              Change.Action.UPDATE,
              ResourceType.REPOSITORY,
              name,
              fields,
              false,
              client -> ordered.forEach(step -> step.run(client))));
    }

    planLifecyclePolicy(repository, current.lifecyclePolicy);
    planRepositoryPolicy(repository, current.repositoryPolicy);
  }

  private void planLifecyclePolicy(
      RepositorySpec repository, @Nullable LiveDocument<LifecyclePolicy> current) {
    String name = repository.name();
    Desired<LifecyclePolicy> desired = repository.lifecyclePolicy();
    if (desired.isUnmanaged() || current == null) {
      return;
    }
    if (desired.isAbsent()) {
      if (current.exists()) {
        changes.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.LIFECYCLE_POLICY,
                name,
                List.of(),
                false,
                client -> client.lifecycle().delete(name)));
      }
      return;
    }
    if (current.value().filter(desired.get()::equals).isPresent()) {
      return;
    }
    changes.add(putLifecyclePolicy(name, current, desired.get()));
  }

  private void planRepositoryPolicy(
      RepositorySpec repository, @Nullable LiveDocument<RepositoryPolicy> current) {
    String name = repository.name();
    Desired<RepositoryPolicy> desired = repository.repositoryPolicy();
    if (desired.isUnmanaged() || current == null) {
      return;
    }
    if (desired.isAbsent()) {
      if (current.exists()) {
        changes.add(
            new Change(
                Change.Action.DELETE,
                ResourceType.REPOSITORY_POLICY,
                name,
                List.of(),
                false,
                client -> client.policies().deleteRepositoryPolicy(name)));
      }
      return;
    }
    if (current.value().filter(desired.get()::equals).isPresent()) {
      return;
    }
    changes.add(setRepositoryPolicy(name, current, desired.get()));
  }

  private static Change putLifecyclePolicy(
      String name, LiveDocument<LifecyclePolicy> current, LifecyclePolicy policy) {
    return new Change(
        current.exists() ? Change.Action.UPDATE : Change.Action.CREATE,
        ResourceType.LIFECYCLE_POLICY,
        name,
        documentFields(current, LifecyclePolicy::toPrettyJson, policy.toPrettyJson()),
        false,
        // PutLifecyclePolicy replaces the policy in place, so there is never a moment without one.
        client -> client.lifecycle().put(name, policy));
  }

  private static Change setRepositoryPolicy(
      String name, LiveDocument<RepositoryPolicy> current, RepositoryPolicy policy) {
    String text = policy.toJson();
    return new Change(
        current.exists() ? Change.Action.UPDATE : Change.Action.CREATE,
        ResourceType.REPOSITORY_POLICY,
        name,
        documentFields(current, RepositoryPolicy::toPrettyJson, policy.toPrettyJson()),
        true,
        client -> client.policies().setRepositoryPolicyText(name, text, false));
  }

  /** Lists the fields of a document change, showing why a stored document could not be read. */
  private static <T> List<FieldChange> documentFields(
      LiveDocument<T> current, Function<T, String> render, String desired) {
    Optional<String> problem = current.problem();
    if (problem.isPresent()) {
      List<FieldChange> fields = new ArrayList<>();
      fields.add(
          new FieldChange(
              "(document)",
              current.text().map(JsonDiff::shorten).orElse("(unreadable: " + problem.get() + ")"),
              "the document below"));
      fields.addAll(JsonDiff.fields(desired));
      return fields;
    }
    return JsonDiff.diff(current.value().map(render).orElse(null), desired);
  }

  private static List<FieldChange> tagMutabilityFields(
      @Nullable TagMutability before, TagMutability after) {
    List<FieldChange> fields = new ArrayList<>();
    if (before == null || before.mode() != after.mode()) {
      fields.add(
          new FieldChange(
              "imageTagMutability",
              before == null ? null : before.mode().name(),
              after.mode().name()));
    }
    List<String> beforeFilters = before == null ? List.of() : Conversions.filters(before);
    List<String> afterFilters = Conversions.filters(after);
    if (!Objects.equals(
        new java.util.TreeSet<>(beforeFilters), new java.util.TreeSet<>(afterFilters))) {
      fields.add(
          new FieldChange(
              "imageTagMutabilityExclusionFilters",
              beforeFilters.isEmpty() ? null : beforeFilters.toString(),
              afterFilters.isEmpty() ? null : afterFilters.toString()));
    }
    return fields;
  }

  private static FieldChange tagField(String key, @Nullable String before, @Nullable String after) {
    return new FieldChange(
        "tags." + key, before == null ? null : quote(before), after == null ? null : quote(after));
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
