package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicyCheck;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads a CreateRepositoryCreationTemplate request strictly, collecting every problem. */
final class TemplateParser {

  private static final List<String> KEYS =
      List.of(
          "prefix",
          "description",
          "encryptionConfiguration",
          "resourceTags",
          TagMutability.MODE_KEY,
          TagMutability.FILTERS_KEY,
          "repositoryPolicy",
          "lifecyclePolicy",
          "appliedFor",
          "customRoleArn");
  private static final Set<String> OUTPUT_ONLY = Set.of("createdAt", "updatedAt");
  private static final String EXAMPLE =
      "{\"prefix\": \"prod\", \"appliedFor\": [\"REPLICATION\"], \"imageTagMutability\":"
          + " \"IMMUTABLE\"}";

  private TemplateParser() {}

  static Documents.Parsed<RepositoryCreationTemplate> parse(String json) {
    JsonReader reader =
        new JsonReader("the repository creation template", "CreateRepositoryCreationTemplate");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    if (root == null) {
      return Documents.Parsed.of(null, reader.violations());
    }
    reader.rejectUnknownKeys(root, "$", KEYS, OUTPUT_ONLY, Set.of());

    String prefix = reader.string(root, "prefix", "$", true, "a prefix such as \"prod\" or ROOT");
    String description = reader.string(root, "description", "$", false, "a short text");
    EncryptionConfiguration encryption =
        EncryptionConfiguration.readMember(reader, root, "encryptionConfiguration", "$");
    ResourceTags tags = ResourceTags.readMember(reader, root, "resourceTags", "$");
    TagMutability mutability = TagMutability.readMembers(reader, root, "$", false);
    String repositoryPolicy =
        emptyAsAbsent(
            reader.string(
                root, "repositoryPolicy", "$", false, "a string that contains the policy JSON"));
    LifecyclePolicy lifecyclePolicy = readLifecyclePolicy(reader, root);
    Set<RepositoryCreationScenario> appliedFor = readAppliedFor(reader, root);
    String customRoleArn = reader.string(root, "customRoleArn", "$", false, "an IAM role ARN");

    if (prefix == null || tags == null || appliedFor == null) {
      return Documents.Parsed.of(null, reader.violations());
    }
    RepositoryCreationTemplate template =
        new RepositoryCreationTemplate(
            prefix,
            description,
            encryption,
            tags,
            mutability,
            repositoryPolicy,
            lifecyclePolicy,
            appliedFor,
            customRoleArn);
    return Documents.Parsed.of(template, reader.violations());
  }

  /**
   * Reads the embedded lifecycle policy text. An empty text, which ECR accepts in a template, means
   * no policy. A text that cannot be read into rules adds the lifecycle parser's violations.
   */
  private static @Nullable LifecyclePolicy readLifecyclePolicy(JsonReader reader, JsonNode root) {
    String text =
        emptyAsAbsent(
            reader.string(
                root, "lifecyclePolicy", "$", false, "a string that contains the policy JSON"));
    if (text == null) {
      return null;
    }
    LifecyclePolicyCheck check = LifecyclePolicy.check(text);
    LifecyclePolicy policy = check.policy();
    if (policy == null) {
      reader.addAll(TemplateValidator.underLifecyclePolicy(check.violations()));
    }
    return policy;
  }

  private static @Nullable Set<RepositoryCreationScenario> readAppliedFor(
      JsonReader reader, JsonNode root) {
    List<JsonNode> elements =
        reader.array(root, "appliedFor", "$", true, "[\"REPLICATION\", \"PULL_THROUGH_CACHE\"]");
    if (elements == null) {
      return null;
    }
    int before = reader.violationCount();
    Set<RepositoryCreationScenario> scenarios = EnumSet.noneOf(RepositoryCreationScenario.class);
    for (int i = 0; i < elements.size(); i++) {
      String path = "$.appliedFor[" + i + "]";
      String text = reader.stringElement(elements.get(i), path, "\"REPLICATION\"");
      if (text == null) {
        continue;
      }
      RepositoryCreationScenario scenario =
          reader.enumFromText(
              text,
              path,
              "repository creation scenario",
              RepositoryCreationScenario.values(),
              RepositoryCreationScenario::name);
      if (scenario != null && !scenarios.add(scenario)) {
        reader.add(
            path,
            scenario + " is listed more than once in appliedFor.",
            "Remove the duplicate entry.");
      }
    }
    return reader.violationCount() > before ? null : scenarios;
  }

  private static @Nullable String emptyAsAbsent(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
