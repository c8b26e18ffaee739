package dev.ecr4j.state;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicyCheck;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a specification file into a {@link RegistrySpec}, collecting every problem with its JSON
 * path and fix. The documents inside, such as lifecycle policies, are checked by the policy DSL,
 * whose violations are reported at their path inside the file.
 */
final class SpecReader {

  /** The value that marks a setting, repository, template or rule that must not exist. */
  static final String ABSENT = "absent";

  static final int VERSION = 1;

  private static final List<String> TOP_KEYS =
      List.of(
          "version",
          "region",
          "accountId",
          "accountSettings",
          "registryPolicy",
          "replication",
          "scanning",
          "creationTemplates",
          "pullThroughCacheRules",
          "unlisted",
          "repositories");
  private static final List<String> REPOSITORY_KEYS =
      List.of(
          "imageTagMutability",
          "imageTagMutabilityExclusionFilters",
          "scanOnPush",
          "encryptionConfiguration",
          "tags",
          "lifecyclePolicy",
          "repositoryPolicy");
  private static final List<String> UNLISTED_KEYS =
      List.of("repositories", "creationTemplates", "pullThroughCacheRules");
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final List<SpecProblem> problems = new ArrayList<>();

  private SpecReader() {}

  /**
   * Reads {@code text} as {@code format}.
   *
   * @throws SpecFileException listing every problem
   */
  static RegistrySpec read(String text, SpecFormat format, String source) {
    if (format == SpecFormat.JAVA) {
      throw new IllegalArgumentException(
          "Java source cannot be read as a specification; compile and run it, or read YAML or"
              + " JSON");
    }
    SpecReader reader = new SpecReader();
    JsonNode root;
    try {
      root = (format == SpecFormat.YAML ? YAML : JSON).readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation location = e.getLocation();
      String where =
          location == null || location.getLineNr() < 1
              ? "$"
              : "line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new SpecFileException(
          source,
          List.of(
              new SpecProblem(
                  where,
                  "The file is not valid " + format + ": " + oneLine(e.getOriginalMessage()) + ".",
                  "Correct the syntax at that position.")));
    }
    RegistrySpec spec = reader.readRoot(root);
    if (!reader.problems.isEmpty() || spec == null) {
      throw new SpecFileException(source, reader.problems);
    }
    return spec;
  }

  private @Nullable RegistrySpec readRoot(@Nullable JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      problem("$", "The file is empty.", "Write a specification such as \"repositories: {}\".");
      return null;
    }
    if (!root.isObject()) {
      problem(
          "$",
          "The file holds " + kind(root) + ", not an object.",
          "Write an object with keys such as region, accountSettings and repositories.");
      return null;
    }
    rejectUnknownKeys(root, "$", TOP_KEYS);
    RegistrySpec.Builder spec = RegistrySpec.builder();

    JsonNode version = root.get("version");
    if (version != null && !(version.isInt() && version.intValue() == VERSION)) {
      problem(
          "$.version",
          "Version " + version + " is not supported; this version of ecr4j reads version 1.",
          "Write \"version: 1\", or upgrade ecr4j.");
    }
    String region = text(root, "region", "$");
    if (region != null) {
      catchInvalid("$.region", () -> spec.region(region), "Use a region name such as eu-west-1.");
    }
    String accountId = text(root, "accountId", "$");
    if (accountId != null) {
      catchInvalid(
          "$.accountId",
          () -> spec.accountId(accountId),
          "Write the account as a quoted string of 12 digits, such as \"123456789012\".");
    }

    readAccountSettings(root.get("accountSettings"), spec);
    readRegistryDocuments(root, spec);
    readCreationTemplates(root.get("creationTemplates"), spec);
    readPullThroughCacheRules(root.get("pullThroughCacheRules"), spec);
    readUnlisted(root.get("unlisted"), spec);
    readRepositories(root.get("repositories"), spec);
    return problems.isEmpty() ? spec.build() : null;
  }

  private void readAccountSettings(@Nullable JsonNode settingsValue, RegistrySpec.Builder spec) {
    JsonNode settings = object(settingsValue, "$.accountSettings", "{REGISTRY_POLICY_SCOPE: V2}");
    if (settings == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : settings.properties()) {
      String path = child("$.accountSettings", entry.getKey());
      if (!entry.getValue().isString()) {
        problem(
            path,
            "The value is " + kind(entry.getValue()) + ", not a string.",
            "Write the value as ECR spells it, such as V2, AWS_NATIVE or ENABLED.");
        continue;
      }
      ObjectNode document = JSON.createObjectNode();
      document.put("name", entry.getKey());
      document.put("value", entry.getValue().asString());
      PolicyCheck<AccountSetting> check = AccountSetting.check(document.toString());
      for (PolicyViolation violation : check.violations()) {
        // The document's $.name is the key, and its $.value is the value at the key.
        problem(path, violation.message(), violation.fix());
      }
      if (check.isValid() && check.value() != null) {
        spec.accountSetting(check.value());
      }
    }
  }

  private void readRegistryDocuments(JsonNode root, RegistrySpec.Builder spec) {
    JsonNode registryPolicy = root.get("registryPolicy");
    if (registryPolicy != null) {
      if (isAbsent(registryPolicy)) {
        spec.noRegistryPolicy();
      } else {
        RegistryPolicy policy =
            document(registryPolicy, "$.registryPolicy", RegistryPolicy::check, "a policy");
        if (policy != null) {
          spec.registryPolicy(policy);
        }
      }
    }

    JsonNode replication = root.get("replication");
    if (replication != null) {
      if (isAbsent(replication)) {
        spec.noReplication();
      } else {
        ReplicationConfiguration configuration =
            document(
                replication,
                "$.replication",
                ReplicationConfiguration::check,
                "a configuration such as {rules: [...]}");
        if (configuration != null) {
          spec.replication(configuration);
        }
      }
    }

    JsonNode scanning = root.get("scanning");
    if (scanning != null) {
      if (isAbsent(scanning)) {
        problem(
            "$.scanning",
            "The scanning configuration cannot be absent, because every registry has one.",
            "Write {scanType: BASIC} for ECR's default, or remove the key to leave it unmanaged.");
      } else {
        ScanningConfiguration configuration =
            document(
                scanning,
                "$.scanning",
                ScanningConfiguration::check,
                "{scanType: BASIC, rules: []}");
        if (configuration != null) {
          spec.scanning(configuration);
        }
      }
    }
  }

  private void readCreationTemplates(@Nullable JsonNode templatesValue, RegistrySpec.Builder spec) {
    JsonNode templates =
        object(templatesValue, "$.creationTemplates", "{ROOT: {appliedFor: [REPLICATION]}}");
    if (templates == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : templates.properties()) {
      String prefix = entry.getKey();
      String path = child("$.creationTemplates", prefix);
      if (isAbsent(entry.getValue())) {
        spec.noCreationTemplate(prefix);
        continue;
      }
      JsonNode body = withKey(entry.getValue(), path, "prefix", prefix);
      if (body == null) {
        continue;
      }
      RepositoryCreationTemplate template =
          document(body, path, RepositoryCreationTemplate::check, "a template");
      if (template != null) {
        spec.creationTemplate(template);
      }
    }
  }

  private void readPullThroughCacheRules(@Nullable JsonNode rulesValue, RegistrySpec.Builder spec) {
    JsonNode rules =
        object(
            rulesValue,
            "$.pullThroughCacheRules",
            "{docker-hub: {upstreamRegistryUrl: registry-1.docker.io}}");
    if (rules == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : rules.properties()) {
      String prefix = entry.getKey();
      String path = child("$.pullThroughCacheRules", prefix);
      if (isAbsent(entry.getValue())) {
        spec.noPullThroughCacheRule(prefix);
        continue;
      }
      JsonNode body = withKey(entry.getValue(), path, "ecrRepositoryPrefix", prefix);
      if (body == null) {
        continue;
      }
      PullThroughCacheRule rule = document(body, path, PullThroughCacheRule::check, "a rule");
      if (rule != null) {
        spec.pullThroughCacheRule(rule);
      }
    }
  }

  private void readUnlisted(@Nullable JsonNode unlistedValue, RegistrySpec.Builder spec) {
    JsonNode unlisted = object(unlistedValue, "$.unlisted", "{repositories: unmanaged}");
    if (unlisted == null) {
      return;
    }
    rejectUnknownKeys(unlisted, "$.unlisted", UNLISTED_KEYS);
    for (Map.Entry<String, JsonNode> entry : unlisted.properties()) {
      String path = child("$.unlisted", entry.getKey());
      JsonNode value = entry.getValue();
      Ownership ownership = null;
      if (value.isString()) {
        String text = value.asString();
        if (text.equals("unmanaged")) {
          ownership = Ownership.UNMANAGED;
        } else if (text.equals(ABSENT)) {
          ownership = Ownership.ABSENT;
        }
      }
      if (ownership == null) {
        problem(
            path,
            "The value " + value + " is not allowed.",
            "Write unmanaged to leave unlisted ones alone, or absent to delete them.");
        continue;
      }
      switch (entry.getKey()) {
        case "repositories" -> spec.unlistedRepositories(ownership);
        case "creationTemplates" -> spec.unlistedCreationTemplates(ownership);
        case "pullThroughCacheRules" -> spec.unlistedPullThroughCacheRules(ownership);
        default -> {
          // Unknown keys were reported above.
        }
      }
    }
  }

  private void readRepositories(@Nullable JsonNode repositoriesValue, RegistrySpec.Builder spec) {
    JsonNode repositories =
        object(repositoriesValue, "$.repositories", "{team/web: {imageTagMutability: IMMUTABLE}}");
    if (repositories == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : repositories.properties()) {
      String name = entry.getKey();
      String path = child("$.repositories", name);
      JsonNode body = entry.getValue();
      if (isAbsent(body)) {
        spec.noRepository(name);
        continue;
      }
      if (body.isNull()) {
        body = JSON.createObjectNode();
      }
      if (!body.isObject()) {
        problem(
            path,
            "The repository is " + kind(body) + ", not an object or \"absent\".",
            "Write its settings as an object, {} to manage only its existence, or absent to"
                + " delete it.");
        continue;
      }
      RepositorySpec repository = readRepository(name, body, path);
      if (repository != null) {
        spec.repository(repository);
      }
    }
  }

  private @Nullable RepositorySpec readRepository(String name, JsonNode body, String path) {
    int problemsBefore = problems.size();
    rejectUnknownKeys(body, path, REPOSITORY_KEYS);
    RepositorySpec.Builder repository = RepositorySpec.builder(name);

    if (body.has("imageTagMutabilityExclusionFilters") && !body.has("imageTagMutability")) {
      problem(
          path + ".imageTagMutabilityExclusionFilters",
          "Exclusion filters are given without imageTagMutability.",
          "Add imageTagMutability: IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION.");
    } else if (body.has("imageTagMutability")) {
      ObjectNode mutability = JSON.createObjectNode();
      mutability.set("imageTagMutability", body.get("imageTagMutability"));
      if (body.has("imageTagMutabilityExclusionFilters")) {
        mutability.set(
            "imageTagMutabilityExclusionFilters", body.get("imageTagMutabilityExclusionFilters"));
      }
      TagMutability value = document(mutability, path, TagMutability::check, "IMMUTABLE");
      if (value != null) {
        repository.tagMutability(value);
      }
    }

    JsonNode scanOnPush = body.get("scanOnPush");
    if (scanOnPush != null) {
      if (scanOnPush.isBoolean()) {
        repository.scanOnPush(scanOnPush.booleanValue());
      } else {
        problem(
            path + ".scanOnPush",
            "The value " + scanOnPush + " is not a boolean.",
            "Write true or false, without quotes.");
      }
    }

    JsonNode encryption = body.get("encryptionConfiguration");
    if (encryption != null) {
      EncryptionConfiguration value =
          document(
              encryption,
              path + ".encryptionConfiguration",
              EncryptionConfiguration::check,
              "{encryptionType: KMS, kmsKey: alias/ecr}");
      if (value != null) {
        repository.encryption(value);
      }
    }

    JsonNode tags = body.get("tags");
    if (tags != null) {
      ResourceTags value = readTags(tags, path + ".tags");
      if (value != null) {
        repository.tags(value);
      }
    }

    JsonNode lifecycle = body.get("lifecyclePolicy");
    if (lifecycle != null) {
      if (isAbsent(lifecycle)) {
        repository.noLifecyclePolicy();
      } else {
        LifecyclePolicy policy = lifecyclePolicy(lifecycle, path + ".lifecyclePolicy");
        if (policy != null) {
          repository.lifecyclePolicy(policy);
        }
      }
    }

    JsonNode policy = body.get("repositoryPolicy");
    if (policy != null) {
      if (isAbsent(policy)) {
        repository.noRepositoryPolicy();
      } else {
        RepositoryPolicy value =
            document(policy, path + ".repositoryPolicy", RepositoryPolicy::check, "a policy");
        if (value != null) {
          repository.repositoryPolicy(value);
        }
      }
    }

    if (problems.size() > problemsBefore) {
      return null;
    }
    // The name, and the combination of settings, are checked by the builder.
    try {
      return repository.build();
    } catch (dev.ecr4j.policy.InvalidPolicyException e) {
      for (PolicyViolation violation : e.violations()) {
        String at =
            violation.path().equals("$.repositoryName")
                ? path
                : path + violation.path().substring(1);
        problem(at, violation.message(), violation.fix());
      }
      return null;
    }
  }

  private @Nullable ResourceTags readTags(JsonNode tags, String path) {
    if (!tags.isObject()) {
      problem(
          path,
          "The tags are " + kind(tags) + ", not an object.",
          "Write the tags as key: value pairs, such as {team: web}.");
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> tag : tags.properties()) {
      if (!tag.getValue().isString()) {
        problem(
            child(path, tag.getKey()),
            "The value " + tag.getValue() + " is not a string.",
            "Quote the value, such as \"" + tag.getValue().asString() + "\".");
        continue;
      }
      map.put(tag.getKey(), tag.getValue().asString());
    }
    ResourceTags value = ResourceTags.of(map);
    for (PolicyViolation violation : value.violations()) {
      problem(path + violation.path().substring(1), violation.message(), violation.fix());
    }
    return value.violations().isEmpty() ? value : null;
  }

  private @Nullable LifecyclePolicy lifecyclePolicy(JsonNode node, String path) {
    if (!node.isObject()) {
      problem(
          path,
          "The lifecycle policy is " + kind(node) + ", not an object or \"absent\".",
          "Write the policy as an object with rules, or absent to require that there is none.");
      return null;
    }
    LifecyclePolicyCheck check = LifecyclePolicy.check(node.toString());
    report(path, check.violations());
    return check.isValid() ? check.policy() : null;
  }

  /** Parses {@code node} with a DSL check and reports its violations at {@code path}. */
  private <T> @Nullable T document(
      JsonNode node, String path, Function<String, PolicyCheck<T>> check, String example) {
    if (!node.isObject()) {
      problem(
          path,
          "The value is " + kind(node) + ", not an object.",
          "Write " + example + ", or absent where the setting may be absent.");
      return null;
    }
    PolicyCheck<T> result = check.apply(node.toString());
    report(path, result.violations());
    return result.isValid() ? result.value() : null;
  }

  private void report(String path, List<PolicyViolation> violations) {
    for (PolicyViolation violation : violations) {
      String rule =
          violation.rulePriority() == null ? "" : "rule " + violation.rulePriority() + ": ";
      problem(path + violation.path().substring(1), rule + violation.message(), violation.fix());
    }
  }

  /** Returns {@code body} with {@code key} set to {@code value}, or null after a problem. */
  private @Nullable JsonNode withKey(JsonNode body, String path, String key, String value) {
    if (body.isNull()) {
      body = JSON.createObjectNode();
    }
    if (!body.isObject()) {
      problem(
          path,
          "The value is " + kind(body) + ", not an object or \"absent\".",
          "Write the settings as an object, or absent to require that it does not exist.");
      return null;
    }
    JsonNode written = body.get(key);
    if (written != null && !(written.isString() && written.asString().equals(value))) {
      problem(
          path + "." + key,
          "The "
              + key
              + " "
              + written
              + " differs from the key \""
              + value
              + "\" it is listed under.",
          "Remove " + key + "; the key gives it.");
      return null;
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.put(key, value);
    return copy;
  }

  /** Returns {@code node} when it is an object, and null when it is missing or after a problem. */
  private @Nullable JsonNode object(@Nullable JsonNode node, String path, String example) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problem(
          path,
          "The value is " + kind(node) + ", not an object.",
          "Write an object such as " + example + ".");
      return null;
    }
    return node;
  }

  private @Nullable String text(JsonNode parent, String key, String path) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      problem(
          path + "." + key,
          "The value " + value + " is not a string.",
          "Quote the value, such as \"" + value.asString() + "\".");
      return null;
    }
    return value.asString();
  }

  private void rejectUnknownKeys(JsonNode node, String path, List<String> known) {
    for (String key : node.propertyNames()) {
      if (!known.contains(key)) {
        problem(
            child(path, key),
            "The key \"" + key + "\" is unknown" + suggestion(key, known),
            "Use one of " + String.join(", ", known) + "; keys are case-sensitive.");
      }
    }
  }

  private static String suggestion(String key, List<String> known) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      String candidateLower = candidate.toLowerCase(Locale.ROOT);
      if (candidateLower.startsWith(lower) || distance(lower, candidateLower) <= 2) {
        return "; did you mean \"" + candidate + "\"?";
      }
    }
    return ".";
  }

  /** Returns the Levenshtein distance: the single-character edits that turn a into b. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Returns a parser's multi-line message on one line, without the lines that only repeat the
   * position, which the problem's path already gives.
   */
  private static String oneLine(String message) {
    List<String> parts = new ArrayList<>();
    for (String line : message.split("\\R")) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("in reader") && !trimmed.equals("^")) {
        parts.add(trimmed);
      }
    }
    return String.join("; ", parts);
  }

  private void catchInvalid(String path, Runnable setter, String fix) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      problem(path, String.valueOf(e.getMessage()) + ".", fix);
    }
  }

  private void problem(String path, String message, String fix) {
    problems.add(new SpecProblem(path, message, fix));
  }

  private static boolean isAbsent(JsonNode node) {
    return node.isString() && node.asString().equals(ABSENT);
  }

  /** Returns the path of member {@code key}, in brackets unless it is a plain name. */
  static String child(String path, String key) {
    return PLAIN_KEY.matcher(key).matches()
        ? path + "." + key
        : path + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isString()) {
      return "the string \"" + node.asString() + "\"";
    }
    if (node.isNumber() || node.isBoolean()) {
      return "the value " + node;
    }
    if (node.isNull()) {
      return "null";
    }
    return "an object";
  }
}
