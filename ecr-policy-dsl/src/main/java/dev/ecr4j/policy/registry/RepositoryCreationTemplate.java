package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repository creation template: the settings ECR gives the repositories it creates on your behalf
 * through replication, pull through cache or create on push, for repository names under a prefix.
 * This is the input of CreateRepositoryCreationTemplate.
 *
 * <pre>{@code
 * RepositoryCreationTemplate template = RepositoryCreationTemplate.builder("prod")
 *     .appliedFor(RepositoryCreationScenario.REPLICATION)
 *     .tagMutability(TagMutability.immutableExcept("latest"))
 *     .lifecyclePolicy(LifecyclePolicy.builder().untagged().expireAfterDays(14).build())
 *     .build();
 * template.settingsFor("prod/web");  // the settings a replicated prod/web repository gets
 * }</pre>
 *
 * <p>The prefix {@code prod} applies to the repositories whose names start with {@code prod/}: ECR
 * always reads a prefix as ending in {@code /}. The prefix {@code ROOT} applies to every repository
 * that no other template covers.
 *
 * <p>The lifecycle policy is held as a {@link LifecyclePolicy} and validated with it. ECR also
 * accepts an empty lifecycle policy text in a template, which {@link #parse(String)} reads as no
 * policy. The repository policy is held as its JSON text.
 *
 * <p>Violations inside the lifecycle policy have paths that continue the template's path as if the
 * text were an object, such as {@code $.lifecyclePolicy.rules[0].selection.countNumber}.
 *
 * <p>Equality ignores the order of {@code appliedFor}, tags and filters, a trailing {@code /} on
 * the prefix, whitespace and key order in the repository policy, and an omitted setting versus its
 * default ({@code MUTABLE}, {@code AES256}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RepositoryCreationTemplate {

  static final String SUBJECT = "Repository creation template";

  /** The prefix that applies a template to every repository that no other template covers. */
  public static final String ROOT = Constraints.ROOT;

  /** The {@code Prefix} limits of the API model. */
  public static final int MAX_PREFIX_LENGTH = 256;

  /** The {@code RepositoryTemplateDescription} limit of the API model. */
  public static final int MAX_DESCRIPTION_LENGTH = 256;

  private final String prefix;
  private final @Nullable String description;
  private final @Nullable EncryptionConfiguration encryption;
  private final ResourceTags resourceTags;
  private final @Nullable TagMutability tagMutability;
  // NOTE: JSON text until the permission policy package can type it; only its JSON shape and
  // length are checked.
  private final @Nullable String repositoryPolicy;
  private final @Nullable LifecyclePolicy lifecyclePolicy;
  private final Set<RepositoryCreationScenario> appliedFor;
  private final @Nullable String customRoleArn;

  RepositoryCreationTemplate(
      String prefix,
      @Nullable String description,
      @Nullable EncryptionConfiguration encryption,
      ResourceTags resourceTags,
      @Nullable TagMutability tagMutability,
      @Nullable String repositoryPolicy,
      @Nullable LifecyclePolicy lifecyclePolicy,
      Collection<RepositoryCreationScenario> appliedFor,
      @Nullable String customRoleArn) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.description = description;
    this.encryption = encryption;
    this.resourceTags = Objects.requireNonNull(resourceTags, "resourceTags");
    this.tagMutability = tagMutability;
    this.repositoryPolicy = repositoryPolicy;
    this.lifecyclePolicy = lifecyclePolicy;
    EnumSet<RepositoryCreationScenario> scenarios =
        EnumSet.noneOf(RepositoryCreationScenario.class);
    scenarios.addAll(appliedFor);
    this.appliedFor = Collections.unmodifiableSet(scenarios);
    this.customRoleArn = customRoleArn;
  }

  /** Starts a template for the repositories whose names start with {@code prefix + "/"}. */
  @CheckReturnValue
  public static Builder builder(String prefix) {
    return new Builder(prefix);
  }

  /** Starts a {@code ROOT} template, for every repository that no other template covers. */
  @CheckReturnValue
  public static Builder forAllRepositories() {
    return new Builder(ROOT);
  }

  /**
   * Parses a CreateRepositoryCreationTemplate request, with the lifecycle policy read as a {@link
   * LifecyclePolicy}.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem, including
   *     those of the embedded lifecycle policy
   * @throws NullPointerException if {@code json} is null
   */
  public static RepositoryCreationTemplate parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, TemplateParser.parse(json));
  }

  /**
   * Checks a repository creation template completely, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<RepositoryCreationTemplate> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(
        TemplateParser.parse(json),
        RepositoryCreationTemplate::violations,
        RepositoryCreationTemplate::warnings);
  }

  /**
   * Returns the template ECR would apply to a repository it creates for {@code scenario}: among the
   * templates for that scenario that cover the name, the one with the longest prefix, and the
   * {@code ROOT} template when no other covers it.
   */
  public static Optional<RepositoryCreationTemplate> select(
      Collection<RepositoryCreationTemplate> templates,
      String repositoryName,
      RepositoryCreationScenario scenario) {
    Lists.copyOf(templates, "templates");
    Objects.requireNonNull(repositoryName, "repositoryName");
    Objects.requireNonNull(scenario, "scenario");
    // NOTE: ECR documents that ROOT applies when no other template does. That the longest of
    // several matching prefixes wins, and that a template for another scenario does not hide a
    // shorter one, are assumptions.
    return templates.stream()
        .filter(template -> template.appliesTo(repositoryName, scenario))
        .max(Comparator.comparingInt(RepositoryCreationTemplate::specificity));
  }

  /** Returns a builder that starts with this template's settings. */
  @CheckReturnValue
  public Builder toBuilder() {
    Builder builder = new Builder(prefix);
    builder.description = description;
    builder.encryption = encryption;
    builder.resourceTags = resourceTags;
    builder.tagMutability = tagMutability;
    builder.repositoryPolicy = repositoryPolicy;
    builder.lifecyclePolicy = lifecyclePolicy;
    builder.appliedFor.addAll(appliedFor);
    builder.customRoleArn = customRoleArn;
    return builder;
  }

  /** Returns the prefix, or {@code ROOT}. */
  public String prefix() {
    return prefix;
  }

  /** Returns the description, when there is one. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Returns the encryption configuration, when it is set. */
  public Optional<EncryptionConfiguration> encryption() {
    return Optional.ofNullable(encryption);
  }

  /** Returns the encryption ECR uses: the configured one, or {@code AES256}. */
  public EncryptionConfiguration effectiveEncryption() {
    return encryption == null ? EncryptionConfiguration.aes256() : encryption;
  }

  /** Returns the tags the created repositories get; empty when there are none. */
  public ResourceTags resourceTags() {
    return resourceTags;
  }

  /** Returns the tag mutability, when it is set. */
  public Optional<TagMutability> tagMutability() {
    return Optional.ofNullable(tagMutability);
  }

  /** Returns the tag mutability ECR uses: the configured one, or {@code MUTABLE}. */
  public TagMutability effectiveTagMutability() {
    return tagMutability == null ? TagMutability.mutable() : tagMutability;
  }

  /** Returns the repository policy's JSON text, when there is one. */
  public Optional<String> repositoryPolicy() {
    return Optional.ofNullable(repositoryPolicy);
  }

  /** Returns the lifecycle policy, when there is one. */
  public Optional<LifecyclePolicy> lifecyclePolicy() {
    return Optional.ofNullable(lifecyclePolicy);
  }

  /** Returns the scenarios the template applies to, in the order of the enum. */
  public Set<RepositoryCreationScenario> appliedFor() {
    return appliedFor;
  }

  /** Returns the role ECR assumes to create repositories, when there is one. */
  public Optional<String> customRoleArn() {
    return Optional.ofNullable(customRoleArn);
  }

  /**
   * Returns true when the prefix covers {@code repositoryName}: the prefix is {@code ROOT}, or the
   * name starts with the prefix followed by {@code /}.
   */
  public boolean appliesTo(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    if (prefix.equals(ROOT)) {
      return true;
    }
    return repositoryName.startsWith(normalizedPrefix() + "/");
  }

  /** Returns true when the template covers {@code repositoryName} for {@code scenario}. */
  public boolean appliesTo(String repositoryName, RepositoryCreationScenario scenario) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    Objects.requireNonNull(scenario, "scenario");
    return appliedFor.contains(scenario) && appliesTo(repositoryName);
  }

  /**
   * Returns the settings a repository named {@code repositoryName} gets when ECR creates it with
   * this template: its tag mutability, encryption and tags, with ECR's defaults where the template
   * sets none. Scan on push is left unset, because the registry's scanning configuration decides
   * it. The result is not validated.
   */
  public RepositorySettings settingsFor(String repositoryName) {
    return RepositorySettings.of(
        repositoryName, effectiveTagMutability(), null, effectiveEncryption(), resourceTags);
  }

  /** Lists every reason ECR would reject this template, the lifecycle policy's included. */
  public List<PolicyViolation> violations() {
    return TemplateValidator.violations(this);
  }

  /**
   * Checks this template against ECR's rules.
   *
   * @return this template, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public RepositoryCreationTemplate validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /**
   * Lists what ECR accepts but will likely fail or surprise: tags or KMS keys without a custom
   * role, create on push for every repository name, and the lifecycle policy's own warnings.
   */
  public List<PolicyWarning> warnings() {
    return TemplateValidator.warnings(this);
  }

  /** Renders the template minified, as CreateRepositoryCreationTemplate takes it. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the template indented. The embedded policies stay minified strings. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RepositoryCreationTemplate that
        && normalizedPrefix().equals(that.normalizedPrefix())
        && Objects.equals(description, that.description)
        && effectiveEncryption().equals(that.effectiveEncryption())
        && resourceTags.equals(that.resourceTags)
        && effectiveTagMutability().equals(that.effectiveTagMutability())
        && Objects.equals(policyKey(), that.policyKey())
        && Objects.equals(lifecyclePolicy, that.lifecyclePolicy)
        && appliedFor.equals(that.appliedFor)
        && Objects.equals(customRoleArn, that.customRoleArn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        normalizedPrefix(),
        description,
        effectiveEncryption(),
        resourceTags,
        effectiveTagMutability(),
        policyKey(),
        lifecyclePolicy,
        appliedFor,
        customRoleArn);
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private ObjectNode toJsonTree() {
    ObjectNode root = PolicyJson.object();
    root.put("prefix", prefix);
    if (description != null) {
      root.put("description", description);
    }
    if (encryption != null) {
      root.set("encryptionConfiguration", encryption.toJsonTree());
    }
    if (!resourceTags.isEmpty()) {
      root.set("resourceTags", resourceTags.toJsonArray());
    }
    if (tagMutability != null) {
      tagMutability.writeTo(root);
    }
    if (repositoryPolicy != null) {
      root.put("repositoryPolicy", repositoryPolicy);
    }
    if (lifecyclePolicy != null) {
      root.put("lifecyclePolicy", lifecyclePolicy.toJson());
    }
    ArrayNode scenarios = root.putArray("appliedFor");
    appliedFor.forEach(scenario -> scenarios.add(scenario.name()));
    if (customRoleArn != null) {
      root.put("customRoleArn", customRoleArn);
    }
    return root;
  }

  /** Returns the prefix without the trailing {@code /} that ECR assumes anyway. */
  private String normalizedPrefix() {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /** Orders matching templates: {@code ROOT} below every prefix, longer prefixes higher. */
  private int specificity() {
    return prefix.equals(ROOT) ? -1 : normalizedPrefix().length();
  }

  private @Nullable Object policyKey() {
    String text = repositoryPolicy;
    if (text == null) {
      return null;
    }
    Optional<JsonNode> tree = RepositoryPolicyText.tree(text);
    return tree.isPresent() ? tree.get() : text;
  }

  /** Collects a template's settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {

    private final String prefix;
    private @Nullable String description;
    private @Nullable EncryptionConfiguration encryption;
    private ResourceTags resourceTags = ResourceTags.empty();
    private @Nullable TagMutability tagMutability;
    private @Nullable String repositoryPolicy;
    private @Nullable LifecyclePolicy lifecyclePolicy;
    private final EnumSet<RepositoryCreationScenario> appliedFor =
        EnumSet.noneOf(RepositoryCreationScenario.class);
    private @Nullable String customRoleArn;

    private Builder(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** Sets the description, at most 256 characters. */
    @CanIgnoreReturnValue
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Adds the scenarios the template applies to; ECR requires at least one. */
    @CanIgnoreReturnValue
    public Builder appliedFor(
        RepositoryCreationScenario scenario, RepositoryCreationScenario... moreScenarios) {
      appliedFor.addAll(Lists.of(scenario, "scenario", "moreScenarios", moreScenarios));
      return this;
    }

    /** Sets the encryption; a KMS key must be given as its full ARN. */
    @CanIgnoreReturnValue
    public Builder encryption(EncryptionConfiguration encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption");
      return this;
    }

    /** Sets one tag of the created repositories, replacing a tag with the same key. */
    @CanIgnoreReturnValue
    public Builder tag(String key, String value) {
      this.resourceTags = resourceTags.with(key, value);
      return this;
    }

    /** Replaces the tags of the created repositories. */
    @CanIgnoreReturnValue
    public Builder resourceTags(ResourceTags resourceTags) {
      this.resourceTags = Objects.requireNonNull(resourceTags, "resourceTags");
      return this;
    }

    /** Sets the tag mutability of the created repositories. */
    @CanIgnoreReturnValue
    public Builder tagMutability(TagMutability tagMutability) {
      this.tagMutability = Objects.requireNonNull(tagMutability, "tagMutability");
      return this;
    }

    /** Sets the repository policy of the created repositories, as JSON text. */
    @CanIgnoreReturnValue
    public Builder repositoryPolicy(String policyJson) {
      this.repositoryPolicy = Objects.requireNonNull(policyJson, "policyJson");
      return this;
    }

    /** Sets the lifecycle policy of the created repositories. */
    @CanIgnoreReturnValue
    public Builder lifecyclePolicy(LifecyclePolicy lifecyclePolicy) {
      this.lifecyclePolicy = Objects.requireNonNull(lifecyclePolicy, "lifecyclePolicy");
      return this;
    }

    /**
     * Sets the IAM role, in the registry's account, that ECR assumes to create repositories. ECR
     * needs one to apply tags or a KMS key.
     */
    @CanIgnoreReturnValue
    public Builder customRoleArn(String roleArn) {
      this.customRoleArn = Objects.requireNonNull(roleArn, "roleArn");
      return this;
    }

    /**
     * Returns the template.
     *
     * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
     */
    public RepositoryCreationTemplate build() {
      return buildUnchecked().validate();
    }

    /** Returns the template without validating it. */
    RepositoryCreationTemplate buildUnchecked() {
      return new RepositoryCreationTemplate(
          prefix,
          description,
          encryption,
          resourceTags,
          tagMutability,
          repositoryPolicy,
          lifecyclePolicy,
          appliedFor,
          customRoleArn);
    }
  }
}
