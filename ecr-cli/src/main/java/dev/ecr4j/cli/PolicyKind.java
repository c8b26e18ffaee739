package dev.ecr4j.cli;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicyCheck;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.RepositorySettings;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;

/** The kinds of policy document that {@code ecr4j policy validate} checks. */
enum PolicyKind {
  LIFECYCLE(
      "lifecycle",
      "a lifecycle policy (lifecyclePolicyText)",
      (json, scope) -> checkLifecycle(json)),
  REPLICATION(
      "replication",
      "a registry replication configuration, as PutReplicationConfiguration takes it or"
          + " describe-registry prints it",
      (json, scope) -> ReplicationConfiguration.check(json)),
  REPOSITORY_POLICY(
      "repository-policy",
      "a repository permission policy (the policyText of SetRepositoryPolicy)",
      (json, scope) -> RepositoryPolicy.check(json)),
  REGISTRY_POLICY(
      "registry-policy",
      "a registry permission policy (the policyText of PutRegistryPolicy)",
      RegistryPolicy::check),
  SCANNING(
      "scanning",
      "a registry scanning configuration (the input of PutRegistryScanningConfiguration)",
      (json, scope) -> ScanningConfiguration.check(json)),
  CREATION_TEMPLATE(
      "creation-template",
      "a repository creation template (the input of CreateRepositoryCreationTemplate)",
      (json, scope) -> RepositoryCreationTemplate.check(json)),
  PULL_THROUGH_CACHE(
      "pull-through-cache",
      "a pull-through cache rule (the input of CreatePullThroughCacheRule)",
      (json, scope) -> PullThroughCacheRule.check(json)),
  REPOSITORY_SETTINGS(
      "repository-settings",
      "repository settings (the input of CreateRepository)",
      (json, scope) -> RepositorySettings.check(json)),
  TAG_MUTABILITY(
      "tag-mutability",
      "a tag mutability setting (the input of PutImageTagMutability)",
      (json, scope) -> TagMutability.check(json)),
  ACCOUNT_SETTING(
      "account-setting",
      "an account setting (the input of PutAccountSetting)",
      (json, scope) -> AccountSetting.check(json));

  private final String cliName;
  private final String description;
  private final BiFunction<String, RegistryPolicyScope, PolicyCheck<?>> checker;

  PolicyKind(
      String cliName,
      String description,
      BiFunction<String, RegistryPolicyScope, PolicyCheck<?>> checker) {
    this.cliName = cliName;
    this.description = description;
    this.checker = checker;
  }

  /** Returns the name used on the command line, such as {@code repository-policy}. */
  String cliName() {
    return cliName;
  }

  /** Describes the document the kind expects, for help and messages. */
  String description() {
    return description;
  }

  /**
   * Checks {@code json} completely, without throwing.
   *
   * @param scope the account's registry policy scope; only registry policies depend on it
   */
  PolicyCheck<?> check(String json, RegistryPolicyScope scope) {
    return checker.apply(json, scope);
  }

  /** Returns every kind's command-line name, comma-separated, for help and messages. */
  static String names() {
    return String.join(", ", Arrays.stream(values()).map(PolicyKind::cliName).toList());
  }

  /** Converts a command-line name to a kind, accepting any case. */
  static PolicyKind fromCliName(String name) {
    String normalized = name.strip().toLowerCase(Locale.ROOT);
    for (PolicyKind kind : values()) {
      if (kind.cliName.equals(normalized)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown policy kind '" + name + "'; use one of " + names());
  }

  private static PolicyCheck<?> checkLifecycle(String json) {
    LifecyclePolicyCheck check = LifecyclePolicy.check(json);
    return new PolicyCheck<>(check.policy(), check.violations(), check.warnings());
  }
}
