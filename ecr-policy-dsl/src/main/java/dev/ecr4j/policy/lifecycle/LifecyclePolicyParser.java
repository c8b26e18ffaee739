package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads lifecycle policy JSON into rules, collecting every structural problem (malformed JSON,
 * unknown keys, wrong types, unknown values) instead of stopping at the first. Semantic rules, such
 * as which count types go with which actions, are checked later by {@link
 * LifecyclePolicyValidator}.
 */
final class LifecyclePolicyParser {

  static final String ACTION_SCHEMA_MESSAGE =
      "Lifecycle policy validation failure: instance failed to match exactly one schema (matched 0"
          + " out of 2)";

  private static final Set<String> POLICY_KEYS = Set.of("rules");
  private static final Set<String> RULE_KEYS =
      Set.of("rulePriority", "description", "selection", "action");
  private static final Set<String> SELECTION_KEYS =
      Set.of(
          "tagStatus",
          "tagPatternList",
          "tagPrefixList",
          "storageClass",
          "countType",
          "countUnit",
          "countNumber");
  private static final Set<String> ACTION_KEYS = Set.of("type", "targetStorageClass");

  /**
   * The rules that could be read completely, and every structural violation. A rule with a
   * structural violation is left out of {@code rules}. {@code ruleCount} counts every entry of the
   * {@code rules} array, or is -1 when there is no such array.
   */
  record Result(
      List<LifecycleRule> rules,
      List<String> rulePaths,
      int ruleCount,
      List<PolicyViolation> violations) {}

  private final List<PolicyViolation> violations = new ArrayList<>();
  private final List<String> rulePaths = new ArrayList<>();
  private int ruleCount = -1;

  private LifecyclePolicyParser() {}

  static Result parse(String text) {
    LifecyclePolicyParser parser = new LifecyclePolicyParser();
    List<LifecycleRule> rules = parser.readPolicy(text);
    return new Result(
        List.copyOf(rules),
        List.copyOf(parser.rulePaths),
        parser.ruleCount,
        List.copyOf(parser.violations));
  }

  private List<LifecycleRule> readPolicy(String text) {
    JsonNode root;
    try {
      root = PolicyJson.readTree(text);
    } catch (PolicyJson.MalformedJsonException e) {
      violation(
          "$",
          null,
          "The lifecycle policy is not valid JSON: " + e.getMessage() + ".",
          String.valueOf(e.getMessage()).startsWith("the document exceeds a size limit")
              ? "Check that this is the right file; a lifecycle policy is a small object such as"
                  + " {\"rules\": [...]}."
              : "Correct the JSON syntax; a lifecycle policy is an object such as"
                  + " {\"rules\": [...]}.");
      return List.of();
    }
    if (!root.isObject()) {
      violation(
          "$",
          null,
          "The lifecycle policy must be a JSON object, but it is "
              + PolicyJson.typeName(root)
              + ".",
          "Wrap the rules in an object: {\"rules\": [...]}.");
      return List.of();
    }
    rejectUnknownKeys(root, "$", null, POLICY_KEYS);

    JsonNode rulesNode = root.get("rules");
    if (rulesNode == null) {
      violation(
          "$.rules",
          null,
          "The required key \"rules\" is missing.",
          "Add \"rules\": [ ... ] with between 1 and 50 rules.");
      return List.of();
    }
    if (!rulesNode.isArray()) {
      violation(
          "$.rules",
          null,
          "\"rules\" must be an array, but it is " + PolicyJson.typeName(rulesNode) + ".",
          "Write the rules as a JSON array: \"rules\": [ {...}, {...} ].");
      return List.of();
    }

    ruleCount = rulesNode.size();
    List<LifecycleRule> rules = new ArrayList<>();
    for (int i = 0; i < rulesNode.size(); i++) {
      String path = "$.rules[" + i + "]";
      Optional<LifecycleRule> rule = readRule(rulesNode.get(i), path);
      if (rule.isPresent()) {
        rules.add(rule.get());
        rulePaths.add(path);
      }
    }
    return rules;
  }

  private Optional<LifecycleRule> readRule(JsonNode node, String path) {
    if (!node.isObject()) {
      violation(
          path,
          null,
          "A rule must be a JSON object, but it is " + PolicyJson.typeName(node) + ".",
          "Write the rule as {\"rulePriority\": 1, \"selection\": {...}, \"action\": {...}}.");
      return Optional.empty();
    }
    int errorsBefore = violations.size();

    Integer priority = readInteger(node, "rulePriority", path, null, true);
    rejectUnknownKeys(node, path, priority, RULE_KEYS);
    String description = readDescription(node, path, priority);
    Selection selection = readSelection(node.get("selection"), path + ".selection", priority);
    RuleAction action = readAction(node.get("action"), path + ".action", priority);

    if (violations.size() > errorsBefore
        || priority == null
        || selection == null
        || action == null) {
      return Optional.empty();
    }
    return Optional.of(new LifecycleRule(priority, description, selection, action));
  }

  private @Nullable String readDescription(JsonNode rule, String path, @Nullable Integer priority) {
    JsonNode node = rule.get("description");
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      violation(
          path + ".description",
          priority,
          "\"description\" must be a string, but it is " + PolicyJson.typeName(node) + ".",
          "Quote the description, or remove the key.");
      return null;
    }
    return node.stringValue();
  }

  private @Nullable Selection readSelection(
      @Nullable JsonNode node, String path, @Nullable Integer priority) {
    if (node == null) {
      violation(
          path,
          priority,
          "The required key \"selection\" is missing.",
          "Add a selection such as {\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\","
              + " \"countUnit\": \"days\", \"countNumber\": 14}.");
      return null;
    }
    if (!node.isObject()) {
      violation(
          path,
          priority,
          "\"selection\" must be an object, but it is " + PolicyJson.typeName(node) + ".",
          "Write the selection as a JSON object.");
      return null;
    }
    rejectUnknownKeys(node, path, priority, SELECTION_KEYS);

    TagStatus tagStatus =
        readEnum(node, "tagStatus", path, priority, TagStatus.values(), TagStatus::json, true);
    List<String> patterns = readTagList(node, "tagPatternList", path, priority);
    List<String> prefixes = readTagList(node, "tagPrefixList", path, priority);
    StorageClass storageClass =
        readEnum(
            node, "storageClass", path, priority, StorageClass.values(), StorageClass::json, false);
    CountType countType =
        readEnum(node, "countType", path, priority, CountType.values(), CountType::json, true);
    CountUnit countUnit =
        readEnum(node, "countUnit", path, priority, CountUnit.values(), CountUnit::json, false);
    Integer countNumber = readInteger(node, "countNumber", path, priority, true);

    if (tagStatus == null || countType == null || countNumber == null) {
      return null;
    }
    return new Selection(
        tagStatus, patterns, prefixes, storageClass, countType, countUnit, countNumber);
  }

  private @Nullable RuleAction readAction(
      @Nullable JsonNode node, String path, @Nullable Integer priority) {
    if (node == null) {
      violation(
          path,
          priority,
          "The required key \"action\" is missing.",
          "Add {\"type\": \"expire\"} or {\"type\": \"transition\", \"targetStorageClass\":"
              + " \"archive\"}.");
      return null;
    }
    if (!node.isObject()) {
      violation(
          path,
          priority,
          "\"action\" must be an object, but it is " + PolicyJson.typeName(node) + ".",
          "Write {\"type\": \"expire\"} or {\"type\": \"transition\", \"targetStorageClass\":"
              + " \"archive\"}.");
      return null;
    }
    rejectUnknownKeys(node, path, priority, ACTION_KEYS);

    ActionType type =
        readEnum(node, "type", path, priority, ActionType.values(), ActionType::json, true);
    JsonNode target = node.get("targetStorageClass");
    if (target != null && target.isNull()) {
      // Tools that serialize optional fields as null produce this; ECR rejects the whole action.
      violation(
          path + ".targetStorageClass",
          priority,
          "\"targetStorageClass\" is null; ECR accepts no null values in a lifecycle policy.",
          "Remove the key for an expire action, or set it to \"archive\" for a transition.",
          ACTION_SCHEMA_MESSAGE);
      return null;
    }
    StorageClass targetClass =
        readEnum(
            node,
            "targetStorageClass",
            path,
            priority,
            StorageClass.values(),
            StorageClass::json,
            false);
    return type == null ? null : new RuleAction(type, targetClass);
  }

  private List<String> readTagList(
      JsonNode parent, String key, String parentPath, @Nullable Integer priority) {
    JsonNode node = parent.get(key);
    String path = parentPath + "." + key;
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      violation(
          path,
          priority,
          "\""
              + key
              + "\" must be an array of strings, but it is "
              + PolicyJson.typeName(node)
              + ".",
          "Write it as a list, for example [\"release-\"], or remove the key.");
      return List.of();
    }
    if (node.isEmpty()) {
      violation(
          path,
          priority,
          "\"" + key + "\" is an empty list; ECR rejects empty tag lists.",
          "Remove the key, or add at least one entry.");
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String entryPath = path + "[" + i + "]";
      if (!entry.isString()) {
        violation(
            entryPath,
            priority,
            "A tag list entry must be a string, but it is " + PolicyJson.typeName(entry) + ".",
            "Quote the entry.");
      } else if (entry.stringValue().isEmpty()) {
        violation(
            entryPath,
            priority,
            "A tag list entry is the empty string.",
            "Remove the entry; to match every tag use tagPatternList [\"*\"].");
      } else {
        entries.add(entry.stringValue());
      }
    }
    return entries;
  }

  private <E extends Enum<E>> @Nullable E readEnum(
      JsonNode parent,
      String key,
      String parentPath,
      @Nullable Integer priority,
      E[] values,
      Function<E, String> json,
      boolean required) {
    JsonNode node = parent.get(key);
    String path = parentPath + "." + key;
    List<String> allowed = new ArrayList<>();
    for (E value : values) {
      allowed.add(json.apply(value));
    }
    String allowedText = "\"" + String.join("\", \"", allowed) + "\"";
    if (node == null) {
      if (required) {
        violation(
            path,
            priority,
            "The required key \"" + key + "\" is missing.",
            "Add \"" + key + "\" with one of " + allowedText + ".");
      }
      return null;
    }
    if (!node.isString()) {
      violation(
          path,
          priority,
          "\"" + key + "\" must be a string, but it is " + PolicyJson.typeName(node) + ".",
          node.isNull()
              ? "Remove the key, or set it to one of " + allowedText + "."
              : "Set it to one of " + allowedText + ".");
      return null;
    }
    String text = node.stringValue();
    for (E value : values) {
      if (json.apply(value).equals(text)) {
        return value;
      }
    }
    Optional<String> sameIgnoringCase =
        allowed.stream().filter(candidate -> candidate.equalsIgnoreCase(text)).findFirst();
    if (sameIgnoringCase.isPresent()) {
      // NOTE: whether ECR accepts other cases is unconfirmed; enums in its schema are exact.
      violation(
          path,
          priority,
          "\""
              + text
              + "\" is not a valid "
              + key
              + "; lifecycle policy values are case-sensitive.",
          "Write \"" + sameIgnoringCase.get() + "\".");
    } else {
      violation(
          path,
          priority,
          "\"" + text + "\" is not a valid " + key + ".",
          allowed.size() == 1 ? "Write " + allowedText + "." : "Use one of " + allowedText + ".");
    }
    return null;
  }

  private @Nullable Integer readInteger(
      JsonNode parent,
      String key,
      String parentPath,
      @Nullable Integer priority,
      boolean required) {
    JsonNode node = parent.get(key);
    String path = parentPath + "." + key;
    if (node == null) {
      if (required) {
        violation(
            path,
            priority,
            "The required key \"" + key + "\" is missing.",
            "Add \"" + key + "\" with a whole number of 1 or more.");
      }
      return null;
    }
    if (!node.isIntegralNumber()) {
      String hint =
          node.isString()
              ? "Write the number without quotes: \"" + key + "\": " + node.stringValue() + "."
              : "Use a whole number of 1 or more.";
      violation(
          path,
          priority,
          "\""
              + key
              + "\" must be an integer, but it is "
              + PolicyJson.typeName(node)
              + " ("
              + PolicyJson.shortText(node)
              + ").",
          hint);
      return null;
    }
    if (!node.canConvertToInt()) {
      violation(
          path,
          priority,
          "\"" + key + "\" is " + node.bigIntegerValue() + ", outside the 32-bit integer range.",
          "Use a whole number between 1 and " + Integer.MAX_VALUE + ".");
      return null;
    }
    return node.intValue();
  }

  private void rejectUnknownKeys(
      JsonNode object, String path, @Nullable Integer priority, Set<String> known) {
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String key = property.getKey();
      if (known.contains(key)) {
        continue;
      }
      Optional<String> suggestion = PolicyJson.closest(key, known);
      String fix =
          suggestion
              .map(name -> "Did you mean \"" + name + "\"? Rename the key.")
              .orElse(
                  "Remove the key; allowed keys here are "
                      + String.join(", ", known.stream().sorted().toList())
                      + ".");
      violation(
          path + "." + key,
          priority,
          "Unknown key \""
              + key
              + "\"; ECR rejects keys its lifecycle policy schema does not define.",
          fix);
    }
  }

  private void violation(String path, @Nullable Integer priority, String message, String fix) {
    violation(path, priority, message, fix, null);
  }

  private void violation(
      String path,
      @Nullable Integer priority,
      String message,
      String fix,
      @Nullable String ecrMessage) {
    violations.add(new PolicyViolation(path, priority, message, fix, ecrMessage));
  }
}
