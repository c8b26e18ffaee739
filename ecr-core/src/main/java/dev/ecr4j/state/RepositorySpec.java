package dev.ecr4j.state;

import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.RepositorySettings;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.TagMutability;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The desired state of one repository that must exist: its settings, lifecycle policy, repository
 * policy and resource tags. Each is a {@link Desired}: a setting that is not given stays {@link
 * Ownership#UNMANAGED}, so a plan neither reads nor changes it.
 *
 * <pre>{@code
 * RepositorySpec web = RepositorySpec.builder("team-a/web")
 *     .tagMutability(TagMutability.immutableExcept("latest"))
 *     .lifecyclePolicy(LifecyclePolicy.builder().untagged().expireAfterDays(14).build())
 *     .noRepositoryPolicy()
 *     .tag("team", "a")
 *     .build();
 * }</pre>
 *
 * <p>Managed tags are the complete set: a plan removes live tags whose keys are not listed. Tag
 * mutability, scan on push, encryption and tags cannot be absent, because every repository has
 * them.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RepositorySpec {

  private final String name;
  private final Desired<TagMutability> tagMutability;
  private final Desired<Boolean> scanOnPush;
  private final Desired<EncryptionConfiguration> encryption;
  private final Desired<ResourceTags> tags;
  private final Desired<LifecyclePolicy> lifecyclePolicy;
  private final Desired<RepositoryPolicy> repositoryPolicy;

  private RepositorySpec(Builder builder) {
    this.name = builder.name;
    this.tagMutability = builder.tagMutability;
    this.scanOnPush = builder.scanOnPush;
    this.encryption = builder.encryption;
    this.tags = builder.tags;
    this.lifecyclePolicy = builder.lifecyclePolicy;
    this.repositoryPolicy = builder.repositoryPolicy;
  }

  /** Starts the specification of the repository named {@code name}, with nothing managed. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns a specification of {@code name} that manages nothing but its existence. */
  public static RepositorySpec of(String name) {
    return builder(name).build();
  }

  /** Returns a builder that starts with this specification. */
  public Builder toBuilder() {
    Builder builder = new Builder(name);
    builder.tagMutability = tagMutability;
    builder.scanOnPush = scanOnPush;
    builder.encryption = encryption;
    builder.tags = tags;
    builder.lifecyclePolicy = lifecyclePolicy;
    builder.repositoryPolicy = repositoryPolicy;
    return builder;
  }

  /** Returns the repository name. */
  public String name() {
    return name;
  }

  /** Returns the tag mutability with its exclusion filters. */
  public Desired<TagMutability> tagMutability() {
    return tagMutability;
  }

  /** Returns the repository-level scan on push setting. */
  public Desired<Boolean> scanOnPush() {
    return scanOnPush;
  }

  /** Returns the encryption, which ECR fixes when it creates the repository. */
  public Desired<EncryptionConfiguration> encryption() {
    return encryption;
  }

  /** Returns the complete set of resource tags. */
  public Desired<ResourceTags> tags() {
    return tags;
  }

  /** Returns the lifecycle policy. */
  public Desired<LifecyclePolicy> lifecyclePolicy() {
    return lifecyclePolicy;
  }

  /** Returns the repository policy. */
  public Desired<RepositoryPolicy> repositoryPolicy() {
    return repositoryPolicy;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RepositorySpec that
        && name.equals(that.name)
        && tagMutability.equals(that.tagMutability)
        && scanOnPush.equals(that.scanOnPush)
        && encryption.equals(that.encryption)
        && tags.equals(that.tags)
        && lifecyclePolicy.equals(that.lifecyclePolicy)
        && repositoryPolicy.equals(that.repositoryPolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, tagMutability, scanOnPush, encryption, tags, lifecyclePolicy, repositoryPolicy);
  }

  @Override
  public String toString() {
    return "RepositorySpec{name="
        + name
        + ", tagMutability="
        + tagMutability
        + ", scanOnPush="
        + scanOnPush
        + ", encryption="
        + encryption
        + ", tags="
        + tags
        + ", lifecyclePolicy="
        + lifecyclePolicy
        + ", repositoryPolicy="
        + repositoryPolicy
        + "}";
  }

  /** Collects a repository's desired state; {@link #build()} validates it. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private Desired<TagMutability> tagMutability = Desired.unmanaged();
    private Desired<Boolean> scanOnPush = Desired.unmanaged();
    private Desired<EncryptionConfiguration> encryption = Desired.unmanaged();
    private Desired<ResourceTags> tags = Desired.unmanaged();
    private Desired<LifecyclePolicy> lifecyclePolicy = Desired.unmanaged();
    private Desired<RepositoryPolicy> repositoryPolicy = Desired.unmanaged();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Manages the tag mutability. */
    public Builder tagMutability(TagMutability tagMutability) {
      this.tagMutability = Desired.managed(tagMutability);
      return this;
    }

    /**
     * Manages the repository-level scan on push. ECR deprecates it in favour of the registry's
     * scanning configuration, which takes precedence when it has rules.
     */
    public Builder scanOnPush(boolean scanOnPush) {
      this.scanOnPush = Desired.managed(scanOnPush);
      return this;
    }

    /**
     * Manages the encryption. ECR sets it only when it creates the repository, so a plan reports a
     * different live encryption as a change it cannot make.
     */
    public Builder encryption(EncryptionConfiguration encryption) {
      this.encryption = Desired.managed(encryption);
      return this;
    }

    /** Manages the complete set of resource tags; live tags with other keys are removed. */
    public Builder tags(ResourceTags tags) {
      this.tags = Desired.managed(tags);
      return this;
    }

    /** Adds one tag to the managed set of tags, starting an empty set when tags are unmanaged. */
    public Builder tag(String key, String value) {
      ResourceTags current = tags.value().orElse(ResourceTags.empty());
      this.tags = Desired.managed(current.with(key, value));
      return this;
    }

    /** Manages the lifecycle policy. */
    public Builder lifecyclePolicy(LifecyclePolicy policy) {
      this.lifecyclePolicy = Desired.managed(policy);
      return this;
    }

    /** Requires that the repository has no lifecycle policy; a plan deletes one. */
    public Builder noLifecyclePolicy() {
      this.lifecyclePolicy = Desired.absent();
      return this;
    }

    /** Manages the repository policy. */
    public Builder repositoryPolicy(RepositoryPolicy policy) {
      this.repositoryPolicy = Desired.managed(policy);
      return this;
    }

    /** Requires that the repository has no repository policy; a plan deletes one. */
    public Builder noRepositoryPolicy() {
      this.repositoryPolicy = Desired.absent();
      return this;
    }

    /** Applies {@code changes} to this builder, for conditional settings in a fluent chain. */
    public Builder with(Consumer<Builder> changes) {
      changes.accept(this);
      return this;
    }

    /**
     * Returns the specification.
     *
     * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation of the name, the
     *     settings and the policies
     */
    public RepositorySpec build() {
      // The DSL's repository settings check the name, the mutability, the encryption and the tags.
      RepositorySettings.Builder settings = RepositorySettings.builder(name);
      tagMutability.value().ifPresent(settings::tagMutability);
      encryption.value().ifPresent(settings::encryption);
      tags.value().ifPresent(settings::tags);
      settings.build();
      lifecyclePolicy.value().ifPresent(LifecyclePolicy::validate);
      repositoryPolicy.value().ifPresent(RepositoryPolicy::validate);
      return new RepositorySpec(this);
    }
  }
}
