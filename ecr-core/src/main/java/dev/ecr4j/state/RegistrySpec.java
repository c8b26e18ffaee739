package dev.ecr4j.state;

import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The desired state of one ECR registry, that is one account in one region: its repositories and
 * the registry-wide settings.
 *
 * <pre>{@code
 * RegistrySpec spec = RegistrySpec.builder()
 *     .region("eu-west-1")
 *     .accountSetting(AccountSetting.of(RegistryPolicyScope.V2))
 *     .scanning(ScanningConfiguration.enhanced().scanOnPush("*"))
 *     .repository("team-a/web", repo -> repo
 *         .tagMutability(TagMutability.immutable())
 *         .lifecyclePolicy(policy))
 *     .build();
 * }</pre>
 *
 * <h2>Ownership</h2>
 *
 * <p>Everything the specification does not mention is {@link Ownership#UNMANAGED}: a plan never
 * changes it. A setting is {@link Ownership#MANAGED} once it is given, and {@link Ownership#ABSENT}
 * when the specification requires that it not exist, such as {@link Builder#noRegistryPolicy()}.
 * Repositories, creation templates and pull through cache rules are keyed by name or prefix; those
 * the specification does not list are left alone unless {@link
 * Builder#unlistedRepositories(Ownership)} and its siblings make them {@code ABSENT}.
 *
 * <p>Account settings are managed one by one; the scanning configuration cannot be absent, because
 * every registry has one.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RegistrySpec {

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  private final @Nullable String region;
  private final @Nullable String accountId;
  private final Map<AccountSettingName, AccountSetting> accountSettings;
  private final Desired<RegistryPolicy> registryPolicy;
  private final Desired<ReplicationConfiguration> replication;
  private final Desired<ScanningConfiguration> scanning;
  private final Map<String, RepositoryCreationTemplate> creationTemplates;
  private final Set<String> absentCreationTemplates;
  private final Ownership unlistedCreationTemplates;
  private final Map<String, PullThroughCacheRule> pullThroughCacheRules;
  private final Set<String> absentPullThroughCacheRules;
  private final Ownership unlistedPullThroughCacheRules;
  private final Map<String, RepositorySpec> repositories;
  private final Set<String> absentRepositories;
  private final Ownership unlistedRepositories;

  private RegistrySpec(Builder builder) {
    this.region = builder.region;
    this.accountId = builder.accountId;
    this.accountSettings = Collections.unmodifiableMap(new EnumMap<>(builder.accountSettings));
    this.registryPolicy = builder.registryPolicy;
    this.replication = builder.replication;
    this.scanning = builder.scanning;
    this.creationTemplates =
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.creationTemplates));
    this.absentCreationTemplates =
        Collections.unmodifiableSet(new TreeSet<>(builder.absentCreationTemplates));
    this.unlistedCreationTemplates = builder.unlistedCreationTemplates;
    this.pullThroughCacheRules =
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.pullThroughCacheRules));
    this.absentPullThroughCacheRules =
        Collections.unmodifiableSet(new TreeSet<>(builder.absentPullThroughCacheRules));
    this.unlistedPullThroughCacheRules = builder.unlistedPullThroughCacheRules;
    this.repositories = Collections.unmodifiableMap(new LinkedHashMap<>(builder.repositories));
    this.absentRepositories =
        Collections.unmodifiableSet(new TreeSet<>(builder.absentRepositories));
    this.unlistedRepositories = builder.unlistedRepositories;
  }

  /** Starts an empty specification, which manages nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts with this specification. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.region = region;
    builder.accountId = accountId;
    builder.accountSettings.putAll(accountSettings);
    builder.registryPolicy = registryPolicy;
    builder.replication = replication;
    builder.scanning = scanning;
    builder.creationTemplates.putAll(creationTemplates);
    builder.absentCreationTemplates.addAll(absentCreationTemplates);
    builder.unlistedCreationTemplates = unlistedCreationTemplates;
    builder.pullThroughCacheRules.putAll(pullThroughCacheRules);
    builder.absentPullThroughCacheRules.addAll(absentPullThroughCacheRules);
    builder.unlistedPullThroughCacheRules = unlistedPullThroughCacheRules;
    builder.repositories.putAll(repositories);
    builder.absentRepositories.addAll(absentRepositories);
    builder.unlistedRepositories = unlistedRepositories;
    return builder;
  }

  /** Returns the region the specification is for, when it names one. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** Returns the account the specification is for, when it names one. */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /** Returns the managed account settings; the others are unmanaged. */
  public Map<AccountSettingName, AccountSetting> accountSettings() {
    return accountSettings;
  }

  /** Returns the registry policy. */
  public Desired<RegistryPolicy> registryPolicy() {
    return registryPolicy;
  }

  /** Returns the replication configuration; absent means that nothing replicates. */
  public Desired<ReplicationConfiguration> replication() {
    return replication;
  }

  /** Returns the registry scanning configuration; never absent. */
  public Desired<ScanningConfiguration> scanning() {
    return scanning;
  }

  /** Returns the managed repository creation templates by prefix. */
  public Map<String, RepositoryCreationTemplate> creationTemplates() {
    return creationTemplates;
  }

  /** Returns the prefixes of creation templates that must not exist. */
  public Set<String> absentCreationTemplates() {
    return absentCreationTemplates;
  }

  /** Returns how live creation templates that the specification does not list are treated. */
  public Ownership unlistedCreationTemplates() {
    return unlistedCreationTemplates;
  }

  /** Returns the managed pull through cache rules by ECR repository prefix. */
  public Map<String, PullThroughCacheRule> pullThroughCacheRules() {
    return pullThroughCacheRules;
  }

  /** Returns the prefixes of pull through cache rules that must not exist. */
  public Set<String> absentPullThroughCacheRules() {
    return absentPullThroughCacheRules;
  }

  /** Returns how live pull through cache rules that the specification does not list are treated. */
  public Ownership unlistedPullThroughCacheRules() {
    return unlistedPullThroughCacheRules;
  }

  /** Returns the repositories that must exist, by name. */
  public Map<String, RepositorySpec> repositories() {
    return repositories;
  }

  /** Returns the names of repositories that must not exist. */
  public Set<String> absentRepositories() {
    return absentRepositories;
  }

  /** Returns how live repositories that the specification does not list are treated. */
  public Ownership unlistedRepositories() {
    return unlistedRepositories;
  }

  /**
   * Returns the registry policy scope the specification sets, when it manages the {@code
   * REGISTRY_POLICY_SCOPE} account setting.
   */
  Optional<RegistryPolicyScope> managedScope() {
    AccountSetting setting = accountSettings.get(AccountSettingName.REGISTRY_POLICY_SCOPE);
    return setting == null ? Optional.empty() : Optional.of((RegistryPolicyScope) setting.value());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RegistrySpec that
        && Objects.equals(region, that.region)
        && Objects.equals(accountId, that.accountId)
        && accountSettings.equals(that.accountSettings)
        && registryPolicy.equals(that.registryPolicy)
        && replication.equals(that.replication)
        && scanning.equals(that.scanning)
        && creationTemplates.equals(that.creationTemplates)
        && absentCreationTemplates.equals(that.absentCreationTemplates)
        && unlistedCreationTemplates == that.unlistedCreationTemplates
        && pullThroughCacheRules.equals(that.pullThroughCacheRules)
        && absentPullThroughCacheRules.equals(that.absentPullThroughCacheRules)
        && unlistedPullThroughCacheRules == that.unlistedPullThroughCacheRules
        && repositories.equals(that.repositories)
        && absentRepositories.equals(that.absentRepositories)
        && unlistedRepositories == that.unlistedRepositories;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        region,
        accountId,
        accountSettings,
        registryPolicy,
        replication,
        scanning,
        creationTemplates,
        repositories,
        absentRepositories);
  }

  @Override
  public String toString() {
    return "RegistrySpec{region="
        + region
        + ", accountId="
        + accountId
        + ", "
        + repositories.size()
        + " repositories, "
        + absentRepositories.size()
        + " absent repositories}";
  }

  /** Collects a registry's desired state; setters check their values. Not thread-safe. */
  public static final class Builder {
    private @Nullable String region;
    private @Nullable String accountId;
    private final Map<AccountSettingName, AccountSetting> accountSettings =
        new EnumMap<>(AccountSettingName.class);
    private Desired<RegistryPolicy> registryPolicy = Desired.unmanaged();
    private Desired<ReplicationConfiguration> replication = Desired.unmanaged();
    private Desired<ScanningConfiguration> scanning = Desired.unmanaged();
    private final Map<String, RepositoryCreationTemplate> creationTemplates = new TreeMap<>();
    private final Set<String> absentCreationTemplates = new TreeSet<>();
    private Ownership unlistedCreationTemplates = Ownership.UNMANAGED;
    private final Map<String, PullThroughCacheRule> pullThroughCacheRules = new TreeMap<>();
    private final Set<String> absentPullThroughCacheRules = new TreeSet<>();
    private Ownership unlistedPullThroughCacheRules = Ownership.UNMANAGED;
    private final Map<String, RepositorySpec> repositories = new TreeMap<>();
    private final Set<String> absentRepositories = new TreeSet<>();
    private Ownership unlistedRepositories = Ownership.UNMANAGED;

    private Builder() {}

    /**
     * Names the region, such as {@code eu-west-1}; a plan against a client of another region fails.
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(
            "region must be a region name such as eu-west-1, but was '" + region + "'");
      }
      this.region = region;
      return this;
    }

    /** Names the 12-digit account; a plan against a client configured for another account fails. */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT_ID.matcher(accountId).matches()) {
        throw new IllegalArgumentException(
            "accountId must be 12 digits, such as 123456789012, but was '" + accountId + "'");
      }
      this.accountId = accountId;
      return this;
    }

    /** Manages one account setting, replacing an earlier value of the same setting. */
    public Builder accountSetting(AccountSetting setting) {
      Objects.requireNonNull(setting, "setting");
      accountSettings.put(setting.name(), setting);
      return this;
    }

    /** Manages the registry policy; it is validated against the scope the plan finds. */
    public Builder registryPolicy(RegistryPolicy policy) {
      policy.validate();
      this.registryPolicy = Desired.managed(policy);
      return this;
    }

    /** Requires that the registry has no registry policy. */
    public Builder noRegistryPolicy() {
      this.registryPolicy = Desired.absent();
      return this;
    }

    /**
     * Manages the replication configuration. An empty configuration is the same as {@link
     * #noReplication()}.
     */
    public Builder replication(ReplicationConfiguration configuration) {
      configuration.validate();
      this.replication =
          configuration.isEmpty() ? Desired.absent() : Desired.managed(configuration);
      return this;
    }

    /** Requires that nothing replicates. */
    public Builder noReplication() {
      this.replication = Desired.absent();
      return this;
    }

    /** Manages the registry scanning configuration. */
    public Builder scanning(ScanningConfiguration configuration) {
      this.scanning = Desired.managed(configuration.validate());
      return this;
    }

    /** Manages the creation template with the template's prefix. */
    public Builder creationTemplate(RepositoryCreationTemplate template) {
      template.validate();
      absentCreationTemplates.remove(template.prefix());
      creationTemplates.put(template.prefix(), template);
      return this;
    }

    /** Requires that no creation template has {@code prefix}. */
    public Builder noCreationTemplate(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      creationTemplates.remove(prefix);
      absentCreationTemplates.add(prefix);
      return this;
    }

    /**
     * Sets how live creation templates that are not listed are treated: {@code UNMANAGED}, the
     * default, leaves them alone, and {@code ABSENT} deletes them.
     */
    public Builder unlistedCreationTemplates(Ownership ownership) {
      this.unlistedCreationTemplates = unlisted(ownership, "unlistedCreationTemplates");
      return this;
    }

    /** Manages the pull through cache rule with the rule's ECR repository prefix. */
    public Builder pullThroughCacheRule(PullThroughCacheRule rule) {
      rule.validate();
      absentPullThroughCacheRules.remove(rule.ecrRepositoryPrefix());
      pullThroughCacheRules.put(rule.ecrRepositoryPrefix(), rule);
      return this;
    }

    /** Requires that no pull through cache rule has {@code ecrRepositoryPrefix}. */
    public Builder noPullThroughCacheRule(String ecrRepositoryPrefix) {
      Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
      pullThroughCacheRules.remove(ecrRepositoryPrefix);
      absentPullThroughCacheRules.add(ecrRepositoryPrefix);
      return this;
    }

    /**
     * Sets how live pull through cache rules that are not listed are treated: {@code UNMANAGED},
     * the default, leaves them alone, and {@code ABSENT} deletes them.
     */
    public Builder unlistedPullThroughCacheRules(Ownership ownership) {
      this.unlistedPullThroughCacheRules = unlisted(ownership, "unlistedPullThroughCacheRules");
      return this;
    }

    /** Requires that the repository exists as {@code repository} describes it. */
    public Builder repository(RepositorySpec repository) {
      Objects.requireNonNull(repository, "repository");
      absentRepositories.remove(repository.name());
      repositories.put(repository.name(), repository);
      return this;
    }

    /** Requires that the repository exists, with the settings that {@code settings} gives it. */
    public Builder repository(String name, Consumer<RepositorySpec.Builder> settings) {
      RepositorySpec.Builder builder = RepositorySpec.builder(name);
      settings.accept(builder);
      return repository(builder.build());
    }

    /**
     * Requires that the repository {@code name} does not exist. Deleting it deletes its images, so
     * applying such a plan needs {@link ApplyOptions.Builder#allowDestructiveChanges(boolean)}.
     */
    public Builder noRepository(String name) {
      Objects.requireNonNull(name, "name");
      repositories.remove(name);
      absentRepositories.add(name);
      return this;
    }

    /**
     * Sets how live repositories that are not listed are treated: {@code UNMANAGED}, the default,
     * leaves them alone, and {@code ABSENT} deletes them with their images.
     */
    public Builder unlistedRepositories(Ownership ownership) {
      this.unlistedRepositories = unlisted(ownership, "unlistedRepositories");
      return this;
    }

    /** Returns the specification. */
    public RegistrySpec build() {
      return new RegistrySpec(this);
    }

    private static Ownership unlisted(Ownership ownership, String name) {
      Objects.requireNonNull(ownership, name);
      if (ownership == Ownership.MANAGED) {
        throw new IllegalArgumentException(
            name
                + " must be UNMANAGED (leave them alone) or ABSENT (delete them), not MANAGED,"
                + " because the specification has no values for what it does not list");
      }
      return ownership;
    }
  }
}
