package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The encryption at rest of a repository's images: the {@code encryptionConfiguration} object of
 * CreateRepository and of repository creation templates, such as {@code {"encryptionType": "KMS",
 * "kmsKey": "alias/ecr-images"}}.
 *
 * <p>ECR fixes the encryption of a repository when it creates it. Without a configuration, it uses
 * {@link EncryptionType#AES256}. A {@code kmsKey} is allowed only with the KMS types, and without
 * one ECR uses the AWS managed key for ECR.
 *
 * @param encryptionType the encryption type
 * @param kmsKey the KMS key: for a repository its ARN, alias ARN, alias name or key ID, and for a
 *     repository creation template its full ARN; {@code null} for the AWS managed key
 */
public record EncryptionConfiguration(EncryptionType encryptionType, @Nullable String kmsKey) {

  static final String SUBJECT = "Encryption configuration";

  /** The {@code KmsKey} length limit of the API model. */
  public static final int MAX_KMS_KEY_LENGTH = 2048;

  /** A key ARN: the {@code KmsKeyForRepositoryCreationTemplate} pattern of the API model. */
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+");

  // NOTE: the API model limits a repository's kmsKey to 1-2048 characters only. These forms are
  // the ones its documentation names (alias, key ID or full ARN), written as KMS spells them.
  private static final Pattern ALIAS_ARN =
      Pattern.compile("arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:alias\\/[a-zA-Z0-9/_-]+");
  private static final Pattern ALIAS = Pattern.compile("alias\\/[a-zA-Z0-9/_-]+");
  private static final Pattern KEY_ID =
      Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");

  private static final List<String> KEYS = List.of("encryptionType", "kmsKey");
  private static final String EXAMPLE = "{\"encryptionType\": \"KMS\", \"kmsKey\": \"alias/ecr\"}";

  public EncryptionConfiguration {
    Objects.requireNonNull(encryptionType, "encryptionType");
  }

  /** Returns ECR's default: AES256 with Amazon S3 managed keys. */
  public static EncryptionConfiguration aes256() {
    return new EncryptionConfiguration(EncryptionType.AES256, null);
  }

  /** Returns KMS encryption with the AWS managed key for ECR. */
  public static EncryptionConfiguration kms() {
    return new EncryptionConfiguration(EncryptionType.KMS, null);
  }

  /** Returns KMS encryption with the given key: an ARN, alias ARN, alias name or key ID. */
  public static EncryptionConfiguration kms(String kmsKey) {
    return new EncryptionConfiguration(
        EncryptionType.KMS, Objects.requireNonNull(kmsKey, "kmsKey"));
  }

  /** Returns dual-layer KMS encryption with the AWS managed key for ECR. */
  public static EncryptionConfiguration kmsDsse() {
    return new EncryptionConfiguration(EncryptionType.KMS_DSSE, null);
  }

  /** Returns dual-layer KMS encryption with the given key. */
  public static EncryptionConfiguration kmsDsse(String kmsKey) {
    return new EncryptionConfiguration(
        EncryptionType.KMS_DSSE, Objects.requireNonNull(kmsKey, "kmsKey"));
  }

  /**
   * Parses an {@code encryptionConfiguration} object.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem
   * @throws NullPointerException if {@code json} is null
   */
  public static EncryptionConfiguration parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, parseDocument(json));
  }

  /**
   * Checks an {@code encryptionConfiguration} object, for a repository, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<EncryptionConfiguration> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(
        parseDocument(json), EncryptionConfiguration::violations, value -> List.of());
  }

  /** Lists every reason ECR would reject this configuration for a repository. */
  public List<PolicyViolation> violations() {
    List<PolicyViolation> out = new ArrayList<>();
    collectViolations(out, "$", false);
    return List.copyOf(out);
  }

  /**
   * Checks this configuration against ECR's rules for a repository.
   *
   * @return this configuration, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public EncryptionConfiguration validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /** Renders the configuration minified, as ECR's API accepts it. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the configuration indented. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  ObjectNode toJsonTree() {
    ObjectNode node = PolicyJson.object();
    node.put("encryptionType", encryptionType.name());
    if (kmsKey != null) {
      node.put("kmsKey", kmsKey);
    }
    return node;
  }

  /**
   * Checks this configuration. A repository creation template needs the full key ARN, while a
   * repository also accepts an alias or a key ID.
   */
  void collectViolations(List<PolicyViolation> out, String path, boolean forTemplate) {
    String key = kmsKey;
    if (key == null) {
      return;
    }
    String keyPath = path + ".kmsKey";
    if (!encryptionType.usesKmsKey()) {
      Constraints.add(
          out,
          keyPath,
          "kmsKey is set, but encryption type AES256 uses no KMS key.",
          "Remove kmsKey, or set encryptionType to KMS or KMS_DSSE.");
      return;
    }
    if (key.isEmpty()) {
      // The template's model pattern admits the empty string; a repository needs 1 character.
      if (!forTemplate) {
        Constraints.add(
            out,
            keyPath,
            "kmsKey is empty; ECR needs 1 to " + MAX_KMS_KEY_LENGTH + " characters.",
            "Remove kmsKey to use the AWS managed key for ECR, or name a key.");
      }
      return;
    }
    if (Constraints.length(key) > MAX_KMS_KEY_LENGTH) {
      Constraints.add(
          out,
          keyPath,
          "kmsKey is "
              + Constraints.characters(Constraints.length(key))
              + " long; ECR allows at most "
              + MAX_KMS_KEY_LENGTH
              + ".",
          "Use the key's ARN, alias or key ID.");
      return;
    }
    if (forTemplate) {
      if (!KEY_ARN.matcher(key).matches()) {
        Constraints.add(
            out,
            keyPath,
            "A repository creation template needs the full ARN of the KMS key, but kmsKey is \""
                + key
                + "\".",
            "Write the key ARN, arn:aws:kms:<region>:<account>:key/<key ID>; templates accept no"
                + " alias and no bare key ID.");
      }
    } else if (!KEY_ARN.matcher(key).matches()
        && !ALIAS_ARN.matcher(key).matches()
        && !ALIAS.matcher(key).matches()
        && !KEY_ID.matcher(key).matches()) {
      Constraints.add(
          out,
          keyPath,
          "kmsKey \"" + key + "\" is not a KMS key ARN, alias ARN, alias name or key ID.",
          "Write the key as arn:aws:kms:<region>:<account>:key/<key ID>, as alias/<name>, or as"
              + " its key ID.");
    }
  }

  /** Reads an {@code encryptionConfiguration} object, or returns {@code null} after a violation. */
  static @Nullable EncryptionConfiguration read(JsonReader reader, JsonNode node, String path) {
    int before = reader.violationCount();
    reader.rejectUnknownKeys(node, path, KEYS);
    EncryptionType type =
        reader.enumValue(
            node, "encryptionType", path, EncryptionType.values(), EncryptionType::name, true);
    String key = reader.string(node, "kmsKey", path, false, "a key ARN");
    if (type == null || reader.violationCount() > before) {
      return null;
    }
    return new EncryptionConfiguration(type, key);
  }

  /** Reads the object under {@code key} of {@code parent}, when present. */
  static @Nullable EncryptionConfiguration readMember(
      JsonReader reader, JsonNode parent, String key, String parentPath) {
    JsonNode node = reader.object(parent, key, parentPath, false, EXAMPLE);
    return node == null ? null : read(reader, node, parentPath + "." + key);
  }

  private static Documents.Parsed<EncryptionConfiguration> parseDocument(String json) {
    JsonReader reader = new JsonReader("the encryption configuration", "CreateRepository");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    EncryptionConfiguration value = root == null ? null : read(reader, root, "$");
    return Documents.Parsed.of(value, reader.violations());
  }
}
