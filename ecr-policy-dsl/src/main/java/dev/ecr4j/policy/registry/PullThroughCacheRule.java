package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pull through cache rule: repositories under {@code ecrRepositoryPrefix} cache images from an
 * upstream registry. This is the input of CreatePullThroughCacheRule.
 *
 * <pre>{@code
 * PullThroughCacheRule hub = PullThroughCacheRule.dockerHub("docker-hub")
 *     .credentialArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf")
 *     .build();
 * PullThroughCacheRule quay = PullThroughCacheRule.quay("quay").build();
 * }</pre>
 *
 * <p>The presets set the upstream registry and its URL as ECR's API documentation gives them.
 * Docker Hub, GitHub, GitLab, Azure and Chainguard need a Secrets Manager secret whose name starts
 * with {@code ecr-pullthroughcache/}; another ECR registry needs an IAM role when it belongs to
 * another account.
 *
 * <p>Equality compares the upstream registry as given or as inferred from the URL, ignores a
 * trailing {@code /} on the prefixes, and treats an absent upstream repository prefix as {@code
 * ROOT}, which ECR assumes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PullThroughCacheRule {

  static final String SUBJECT = "Pull through cache rule";

  /** The prefix that maps the whole upstream registry. */
  public static final String ROOT = Constraints.ROOT;

  /** The {@code PullThroughCacheRuleRepositoryPrefix} limits of the API model. */
  public static final int MIN_PREFIX_LENGTH = 2;

  public static final int MAX_PREFIX_LENGTH = 30;

  /** The name prefix ECR requires of the Secrets Manager secret with the upstream credentials. */
  public static final String SECRET_NAME_PREFIX = "ecr-pullthroughcache/";

  private final String ecrRepositoryPrefix;
  private final String upstreamRegistryUrl;
  private final @Nullable UpstreamRegistry upstreamRegistry;
  private final @Nullable String credentialArn;
  private final @Nullable String customRoleArn;
  private final @Nullable String upstreamRepositoryPrefix;

  PullThroughCacheRule(
      String ecrRepositoryPrefix,
      String upstreamRegistryUrl,
      @Nullable UpstreamRegistry upstreamRegistry,
      @Nullable String credentialArn,
      @Nullable String customRoleArn,
      @Nullable String upstreamRepositoryPrefix) {
    this.ecrRepositoryPrefix = Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
    this.upstreamRegistryUrl = Objects.requireNonNull(upstreamRegistryUrl, "upstreamRegistryUrl");
    this.upstreamRegistry = upstreamRegistry;
    this.credentialArn = credentialArn;
    this.customRoleArn = customRoleArn;
    this.upstreamRepositoryPrefix = upstreamRepositoryPrefix;
  }

  /** Starts a rule for any upstream; set its URL with {@link Builder#upstreamRegistryUrl}. */
  @CheckReturnValue
  public static Builder builder(String ecrRepositoryPrefix) {
    return new Builder(ecrRepositoryPrefix);
  }

  /** Starts a rule for Docker Hub, {@code registry-1.docker.io}; it needs a credential ARN. */
  @CheckReturnValue
  public static Builder dockerHub(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.DOCKER_HUB);
  }

  /** Starts a rule for Quay, {@code quay.io}. */
  @CheckReturnValue
  public static Builder quay(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.QUAY);
  }

  /** Starts a rule for the Kubernetes registry, {@code registry.k8s.io}. */
  @CheckReturnValue
  public static Builder kubernetes(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.KUBERNETES);
  }

  /** Starts a rule for Amazon ECR Public, {@code public.ecr.aws}. */
  @CheckReturnValue
  public static Builder ecrPublic(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.ECR_PUBLIC);
  }

  /** Starts a rule for GitHub Container Registry, {@code ghcr.io}; it needs a credential ARN. */
  @CheckReturnValue
  public static Builder githubContainerRegistry(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.GITHUB_CONTAINER_REGISTRY);
  }

  /**
   * Starts a rule for GitLab Container Registry, {@code registry.gitlab.com}; it needs a credential
   * ARN. ECR supports GitLab.com only, not self-managed GitLab.
   */
  @CheckReturnValue
  public static Builder gitlabContainerRegistry(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.GITLAB_CONTAINER_REGISTRY);
  }

  /** Starts a rule for Chainguard's registry, {@code cgr.dev}; it needs a credential ARN. */
  @CheckReturnValue
  public static Builder chainguard(String ecrRepositoryPrefix) {
    return preset(ecrRepositoryPrefix, UpstreamRegistry.CHAINGUARD);
  }

  /**
   * Starts a rule for the Azure container registry {@code registryName}, at {@code
   * <registryName>.azurecr.io}; it needs a credential ARN.
   */
  @CheckReturnValue
  public static Builder azureContainerRegistry(String ecrRepositoryPrefix, String registryName) {
    Objects.requireNonNull(registryName, "registryName");
    return builder(ecrRepositoryPrefix)
        .upstreamRegistry(UpstreamRegistry.AZURE_CONTAINER_REGISTRY)
        .upstreamRegistryUrl(registryName + ".azurecr.io");
  }

  /**
   * Starts a rule for the ECR private registry of {@code accountId} in {@code region}, at {@code
   * <accountId>.dkr.ecr.<region>.amazonaws.com}. For another account, set the role ECR assumes with
   * {@link Builder#customRoleArn}.
   */
  @CheckReturnValue
  public static Builder ecr(String ecrRepositoryPrefix, String accountId, String region) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    return builder(ecrRepositoryPrefix)
        .upstreamRegistry(UpstreamRegistry.ECR)
        .upstreamRegistryUrl(accountId + ".dkr.ecr." + region + ".amazonaws.com");
  }

  /**
   * Parses a CreatePullThroughCacheRule request without {@code registryId}.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem
   * @throws NullPointerException if {@code json} is null
   */
  public static PullThroughCacheRule parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, PullThroughCacheRuleChecks.parse(json));
  }

  /**
   * Checks a pull through cache rule completely, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<PullThroughCacheRule> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(
        PullThroughCacheRuleChecks.parse(json),
        PullThroughCacheRule::violations,
        PullThroughCacheRule::warnings);
  }

  /** Returns a builder that starts with this rule's settings. */
  @CheckReturnValue
  public Builder toBuilder() {
    Builder builder = new Builder(ecrRepositoryPrefix);
    builder.upstreamRegistryUrl = upstreamRegistryUrl;
    builder.upstreamRegistry = upstreamRegistry;
    builder.credentialArn = credentialArn;
    builder.customRoleArn = customRoleArn;
    builder.upstreamRepositoryPrefix = upstreamRepositoryPrefix;
    return builder;
  }

  /** Returns the prefix of the ECR repositories that cache the upstream images, or ROOT. */
  public String ecrRepositoryPrefix() {
    return ecrRepositoryPrefix;
  }

  /** Returns the upstream registry's URL, such as {@code registry-1.docker.io}. */
  public String upstreamRegistryUrl() {
    return upstreamRegistryUrl;
  }

  /** Returns the upstream registry as written in the rule, when it is. */
  public Optional<UpstreamRegistry> upstreamRegistry() {
    return Optional.ofNullable(upstreamRegistry);
  }

  /**
   * Returns the upstream registry as written, or else the one whose documented URL the rule uses.
   */
  public Optional<UpstreamRegistry> effectiveUpstreamRegistry() {
    return upstreamRegistry != null
        ? Optional.of(upstreamRegistry)
        : UpstreamRegistry.forUrl(upstreamRegistryUrl);
  }

  /** Returns the ARN of the Secrets Manager secret with the upstream credentials, when set. */
  public Optional<String> credentialArn() {
    return Optional.ofNullable(credentialArn);
  }

  /** Returns the IAM role ECR assumes to reach an ECR upstream, when set. */
  public Optional<String> customRoleArn() {
    return Optional.ofNullable(customRoleArn);
  }

  /** Returns the upstream repository prefix, when set; ECR assumes ROOT otherwise. */
  public Optional<String> upstreamRepositoryPrefix() {
    return Optional.ofNullable(upstreamRepositoryPrefix);
  }

  /** Lists every reason ECR would reject this rule. */
  public List<PolicyViolation> violations() {
    return PullThroughCacheRuleChecks.violations(this);
  }

  /**
   * Checks this rule against ECR's rules.
   *
   * @return this rule, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public PullThroughCacheRule validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /** Lists credentials and roles that the upstream registry has no use for. */
  public List<PolicyWarning> warnings() {
    return PullThroughCacheRuleChecks.warnings(this);
  }

  /** Renders the rule minified, as CreatePullThroughCacheRule takes it. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the rule indented. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PullThroughCacheRule that
        && withoutSlash(ecrRepositoryPrefix).equals(withoutSlash(that.ecrRepositoryPrefix))
        && upstreamRegistryUrl.equals(that.upstreamRegistryUrl)
        && effectiveUpstreamRegistry().equals(that.effectiveUpstreamRegistry())
        && Objects.equals(credentialArn, that.credentialArn)
        && Objects.equals(customRoleArn, that.customRoleArn)
        && effectiveUpstreamRepositoryPrefix().equals(that.effectiveUpstreamRepositoryPrefix());
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        withoutSlash(ecrRepositoryPrefix),
        upstreamRegistryUrl,
        effectiveUpstreamRegistry(),
        credentialArn,
        customRoleArn,
        effectiveUpstreamRepositoryPrefix());
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private ObjectNode toJsonTree() {
    ObjectNode root = PolicyJson.object();
    root.put("ecrRepositoryPrefix", ecrRepositoryPrefix);
    root.put("upstreamRegistryUrl", upstreamRegistryUrl);
    if (upstreamRegistry != null) {
      root.put("upstreamRegistry", upstreamRegistry.json());
    }
    if (credentialArn != null) {
      root.put("credentialArn", credentialArn);
    }
    if (customRoleArn != null) {
      root.put("customRoleArn", customRoleArn);
    }
    if (upstreamRepositoryPrefix != null) {
      root.put("upstreamRepositoryPrefix", upstreamRepositoryPrefix);
    }
    return root;
  }

  private String effectiveUpstreamRepositoryPrefix() {
    return upstreamRepositoryPrefix == null ? ROOT : withoutSlash(upstreamRepositoryPrefix);
  }

  private static String withoutSlash(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private static Builder preset(String ecrRepositoryPrefix, UpstreamRegistry registry) {
    return builder(ecrRepositoryPrefix)
        .upstreamRegistry(registry)
        .upstreamRegistryUrl(registry.url().orElseThrow());
  }

  /** Collects a rule's settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {

    private final String ecrRepositoryPrefix;
    private @Nullable String upstreamRegistryUrl;
    private @Nullable UpstreamRegistry upstreamRegistry;
    private @Nullable String credentialArn;
    private @Nullable String customRoleArn;
    private @Nullable String upstreamRepositoryPrefix;

    private Builder(String ecrRepositoryPrefix) {
      this.ecrRepositoryPrefix = Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
    }

    /** Sets the upstream registry's URL: a host name, such as {@code quay.io}. */
    @CanIgnoreReturnValue
    public Builder upstreamRegistryUrl(String url) {
      this.upstreamRegistryUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Names the upstream registry. */
    @CanIgnoreReturnValue
    public Builder upstreamRegistry(UpstreamRegistry registry) {
      this.upstreamRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets the ARN of the Secrets Manager secret with the upstream credentials; the secret's name
     * must start with {@code ecr-pullthroughcache/}.
     */
    @CanIgnoreReturnValue
    public Builder credentialArn(String secretArn) {
      this.credentialArn = Objects.requireNonNull(secretArn, "secretArn");
      return this;
    }

    /** Sets the IAM role, in the registry's account, that ECR assumes to reach an ECR upstream. */
    @CanIgnoreReturnValue
    public Builder customRoleArn(String roleArn) {
      this.customRoleArn = Objects.requireNonNull(roleArn, "roleArn");
      return this;
    }

    /**
     * Sets the upstream repository prefix, so that only upstream repositories under it are cached.
     * Without it, ECR assumes ROOT.
     */
    @CanIgnoreReturnValue
    public Builder upstreamRepositoryPrefix(String prefix) {
      this.upstreamRepositoryPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Returns the rule.
     *
     * @throws IllegalStateException when no upstream registry URL was set
     * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
     */
    public PullThroughCacheRule build() {
      return buildUnchecked().validate();
    }

    /**
     * Returns the rule without validating it.
     *
     * @throws IllegalStateException when no upstream registry URL was set
     */
    PullThroughCacheRule buildUnchecked() {
      String url = upstreamRegistryUrl;
      if (url == null) {
        throw new IllegalStateException(
            "a pull through cache rule needs an upstream registry URL; call upstreamRegistryUrl or"
                + " start from a preset such as PullThroughCacheRule.dockerHub(prefix)");
      }
      return new PullThroughCacheRule(
          ecrRepositoryPrefix,
          url,
          upstreamRegistry,
          credentialArn,
          customRoleArn,
          upstreamRepositoryPrefix);
    }
  }
}
