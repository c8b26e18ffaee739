package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings of one repository, as CreateRepository takes them: its name, tag mutability, scan on
 * push, encryption and tags.
 *
 * <pre>{@code
 * RepositorySettings web = RepositorySettings.builder("team-a/web")
 *     .tagMutability(TagMutability.immutableExcept("latest"))
 *     .encryption(EncryptionConfiguration.kms("alias/ecr-images"))
 *     .tag("team", "a")
 *     .build();
 * }</pre>
 *
 * <p>A setting that is not given is left to ECR, which uses {@code MUTABLE} tags, no scan on push
 * and {@code AES256}; {@link #ecrDefaults(String)} returns exactly that. Equality treats an absent
 * setting as its default, and ignores the order of tags and filters.
 *
 * <p>Scan on push per repository is deprecated in favour of the registry's {@link
 * ScanningConfiguration}, so {@link #warnings()} flags {@code scanOnPush(true)}, and a plan should
 * treat an absent value as not managed rather than as {@code false}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RepositorySettings {

  static final String SUBJECT = "Repository settings";

  private static final List<String> KEYS =
      List.of(
          "repositoryName",
          "tags",
          TagMutability.MODE_KEY,
          TagMutability.FILTERS_KEY,
          "imageScanningConfiguration",
          "encryptionConfiguration");
  private static final String EXAMPLE =
      "{\"repositoryName\": \"team-a/web\", \"imageTagMutability\": \"IMMUTABLE\"}";

  private final String repositoryName;
  private final @Nullable TagMutability tagMutability;
  private final @Nullable Boolean scanOnPush;
  private final @Nullable EncryptionConfiguration encryption;
  private final ResourceTags tags;

  private RepositorySettings(
      String repositoryName,
      @Nullable TagMutability tagMutability,
      @Nullable Boolean scanOnPush,
      @Nullable EncryptionConfiguration encryption,
      ResourceTags tags) {
    this.repositoryName = Objects.requireNonNull(repositoryName, "repositoryName");
    this.tagMutability = tagMutability;
    this.scanOnPush = scanOnPush;
    this.encryption = encryption;
    this.tags = Objects.requireNonNull(tags, "tags");
  }

  /** Starts the settings of the repository named {@code repositoryName}. */
  @CheckReturnValue
  public static Builder builder(String repositoryName) {
    return new Builder(repositoryName);
  }

  /**
   * Returns the settings ECR gives a repository created without any: mutable tags, no scan on push,
   * AES256 encryption and no tags. Repositories that replication or pull through cache creates get
   * these unless a repository creation template applies.
   */
  public static RepositorySettings ecrDefaults(String repositoryName) {
    return new RepositorySettings(
        repositoryName,
        TagMutability.mutable(),
        false,
        EncryptionConfiguration.aes256(),
        ResourceTags.empty());
  }

  /** Creates settings from plain values, without validating them. */
  static RepositorySettings of(
      String repositoryName,
      @Nullable TagMutability tagMutability,
      @Nullable Boolean scanOnPush,
      @Nullable EncryptionConfiguration encryption,
      ResourceTags tags) {
    return new RepositorySettings(repositoryName, tagMutability, scanOnPush, encryption, tags);
  }

  /**
   * Parses a CreateRepository request without {@code registryId}.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem
   * @throws NullPointerException if {@code json} is null
   */
  public static RepositorySettings parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, parseDocument(json));
  }

  /**
   * Checks repository settings completely, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<RepositorySettings> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(
        parseDocument(json), RepositorySettings::violations, RepositorySettings::warnings);
  }

  /** Returns a builder that starts with these settings. */
  @CheckReturnValue
  public Builder toBuilder() {
    Builder builder = new Builder(repositoryName);
    builder.tagMutability = tagMutability;
    builder.scanOnPush = scanOnPush;
    builder.encryption = encryption;
    builder.tags = tags;
    return builder;
  }

  /** Returns the repository name. */
  public String repositoryName() {
    return repositoryName;
  }

  /** Returns the tag mutability, when it is set. */
  public Optional<TagMutability> tagMutability() {
    return Optional.ofNullable(tagMutability);
  }

  /** Returns the tag mutability, or ECR's default {@code MUTABLE} when none is set. */
  public TagMutability effectiveTagMutability() {
    return tagMutability == null ? TagMutability.mutable() : tagMutability;
  }

  /** Returns whether images are scanned on push, when it is set. */
  public Optional<Boolean> scanOnPush() {
    return Optional.ofNullable(scanOnPush);
  }

  /** Returns the encryption configuration, when it is set. */
  public Optional<EncryptionConfiguration> encryption() {
    return Optional.ofNullable(encryption);
  }

  /** Returns the encryption configuration, or ECR's default {@code AES256} when none is set. */
  public EncryptionConfiguration effectiveEncryption() {
    return encryption == null ? EncryptionConfiguration.aes256() : encryption;
  }

  /** Returns the tags; empty when there are none. */
  public ResourceTags tags() {
    return tags;
  }

  /** Lists every reason ECR would reject these settings. */
  public List<PolicyViolation> violations() {
    List<PolicyViolation> out = new ArrayList<>();
    Constraints.checkRepositoryName(out, "$.repositoryName", repositoryName);
    tags.collectViolations(out, "$.tags");
    if (tagMutability != null) {
      tagMutability.collectViolations(out, "$");
    }
    if (encryption != null) {
      encryption.collectViolations(out, "$.encryptionConfiguration", false);
    }
    return List.copyOf(out);
  }

  /**
   * Checks these settings against ECR's rules.
   *
   * @return these settings, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public RepositorySettings validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /** Lists what ECR accepts but advises against: scan on push set per repository. */
  public List<PolicyWarning> warnings() {
    if (Boolean.TRUE.equals(scanOnPush)) {
      return List.of(
          new PolicyWarning(
              "$.imageScanningConfiguration.scanOnPush",
              null,
              "Scan on push per repository is deprecated; ECR scans according to the registry's"
                  + " scanning configuration.",
              "Remove imageScanningConfiguration and add a scan-on-push rule that matches \""
                  + repositoryName
                  + "\" to the registry scanning configuration."));
    }
    return List.of();
  }

  /** Renders the settings minified, as CreateRepository takes them. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the settings indented. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RepositorySettings that
        && repositoryName.equals(that.repositoryName)
        && effectiveTagMutability().equals(that.effectiveTagMutability())
        && Boolean.TRUE.equals(scanOnPush) == Boolean.TRUE.equals(that.scanOnPush)
        && effectiveEncryption().equals(that.effectiveEncryption())
        && tags.equals(that.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        repositoryName,
        effectiveTagMutability(),
        Boolean.TRUE.equals(scanOnPush),
        effectiveEncryption(),
        tags);
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private ObjectNode toJsonTree() {
    ObjectNode root = PolicyJson.object();
    root.put("repositoryName", repositoryName);
    if (!tags.isEmpty()) {
      root.set("tags", tags.toJsonArray());
    }
    if (tagMutability != null) {
      tagMutability.writeTo(root);
    }
    if (scanOnPush != null) {
      root.putObject("imageScanningConfiguration").put("scanOnPush", scanOnPush.booleanValue());
    }
    if (encryption != null) {
      root.set("encryptionConfiguration", encryption.toJsonTree());
    }
    return root;
  }

  private static Documents.Parsed<RepositorySettings> parseDocument(String json) {
    JsonReader reader = new JsonReader("the repository settings", "CreateRepository");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    if (root == null) {
      return Documents.Parsed.of(null, reader.violations());
    }
    reader.rejectUnknownKeys(root, "$", KEYS, Set.of(), Set.of("registryId"));

    String name =
        reader.string(
            root, "repositoryName", "$", true, "a repository name such as \"team-a/web\"");
    ResourceTags tags = ResourceTags.readMember(reader, root, "tags", "$");
    TagMutability mutability = TagMutability.readMembers(reader, root, "$", false);
    Boolean scanOnPush = null;
    JsonNode scanning =
        reader.object(root, "imageScanningConfiguration", "$", false, "{\"scanOnPush\": false}");
    if (scanning != null) {
      reader.rejectUnknownKeys(scanning, "$.imageScanningConfiguration", List.of("scanOnPush"));
      scanOnPush = reader.bool(scanning, "scanOnPush", "$.imageScanningConfiguration", false);
    }
    EncryptionConfiguration encryption =
        EncryptionConfiguration.readMember(reader, root, "encryptionConfiguration", "$");

    RepositorySettings value =
        name == null || tags == null
            ? null
            : new RepositorySettings(name, mutability, scanOnPush, encryption, tags);
    return Documents.Parsed.of(value, reader.violations());
  }

  /** Collects repository settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {

    private final String repositoryName;
    private @Nullable TagMutability tagMutability;
    private @Nullable Boolean scanOnPush;
    private @Nullable EncryptionConfiguration encryption;
    private ResourceTags tags = ResourceTags.empty();

    private Builder(String repositoryName) {
      this.repositoryName = Objects.requireNonNull(repositoryName, "repositoryName");
    }

    /** Sets the tag mutability. */
    @CanIgnoreReturnValue
    public Builder tagMutability(TagMutability tagMutability) {
      this.tagMutability = Objects.requireNonNull(tagMutability, "tagMutability");
      return this;
    }

    /**
     * Sets scan on push for this repository. Deprecated by ECR in favour of the registry's scanning
     * configuration; {@code true} draws a warning.
     */
    @CanIgnoreReturnValue
    public Builder scanOnPush(boolean scanOnPush) {
      this.scanOnPush = scanOnPush;
      return this;
    }

    /** Sets the encryption, which ECR fixes when it creates the repository. */
    @CanIgnoreReturnValue
    public Builder encryption(EncryptionConfiguration encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption");
      return this;
    }

    /** Sets one tag, replacing the value of a tag with the same key. */
    @CanIgnoreReturnValue
    public Builder tag(String key, String value) {
      this.tags = tags.with(key, value);
      return this;
    }

    /** Replaces all tags. */
    @CanIgnoreReturnValue
    public Builder tags(ResourceTags tags) {
      this.tags = Objects.requireNonNull(tags, "tags");
      return this;
    }

    /**
     * Returns the settings.
     *
     * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
     */
    public RepositorySettings build() {
      return buildUnchecked().validate();
    }

    /** Returns the settings without validating them. */
    RepositorySettings buildUnchecked() {
      return new RepositorySettings(repositoryName, tagMutability, scanOnPush, encryption, tags);
    }
  }
}
