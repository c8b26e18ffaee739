package dev.ecr4j.policy.replication;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.PolicyJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads replication configuration JSON into rules, collecting every structural problem (malformed
 * JSON, unknown keys, wrong types, missing keys, unknown values) instead of stopping at the first.
 * ECR's other rules, such as the pattern of a Region, are checked later by {@link
 * ReplicationConfigurationValidator}.
 *
 * <p>The document is either the configuration itself, {@code {"rules": [...]}}, or an object that
 * contains it under {@code replicationConfiguration}, as {@code aws ecr describe-registry} prints
 * it and {@code aws ecr put-replication-configuration --cli-input-json} reads it.
 */
final class ReplicationConfigurationParser {

  static final String WRAPPER_KEY = "replicationConfiguration";

  private static final Set<String> WRAPPER_KEYS = Set.of(WRAPPER_KEY, "registryId");
  private static final Set<String> CONFIGURATION_KEYS = Set.of("rules");
  private static final Set<String> RULE_KEYS =
      Set.of("destinations", "repositoryFilters", "deleteReplication");
  private static final Set<String> DESTINATION_KEYS = Set.of("region", "registryId");
  private static final Set<String> FILTER_KEYS = Set.of("filter", "filterType");
  private static final Set<String> DELETE_REPLICATION_KEYS = Set.of("enabled");

  /**
   * The rules that could be read completely, their paths, and every structural violation. A rule
   * with a structural violation is left out of {@code rules}. {@code ruleCount} counts every entry
   * of the {@code rules} array, or is -1 when there is no such array; {@code rulesPath} is the path
   * of that array.
   */
  record Result(
      List<ReplicationRule> rules,
      List<String> rulePaths,
      int ruleCount,
      String rulesPath,
      List<PolicyViolation> violations) {}

  private final List<PolicyViolation> violations = new ArrayList<>();
  private final List<String> rulePaths = new ArrayList<>();
  private int ruleCount = -1;
  private String rulesPath = "$.rules";

  private ReplicationConfigurationParser() {}

  static Result parse(String text) {
    ReplicationConfigurationParser parser = new ReplicationConfigurationParser();
    List<ReplicationRule> rules = parser.readDocument(text);
    return new Result(
        List.copyOf(rules),
        List.copyOf(parser.rulePaths),
        parser.ruleCount,
        parser.rulesPath,
        List.copyOf(parser.violations));
  }

  private List<ReplicationRule> readDocument(String text) {
    JsonNode root;
    try {
      root = PolicyJson.readTree(text);
    } catch (PolicyJson.MalformedJsonException e) {
      violation(
          "$",
          "The replication configuration is not valid JSON: " + e.getMessage() + ".",
          "Correct the JSON syntax; a replication configuration is an object such as {\"rules\":"
              + " [...]}.");
      return List.of();
    }
    if (!root.isObject()) {
      violation(
          "$",
          "The replication configuration must be a JSON object, but it is "
              + PolicyJson.typeName(root)
              + ".",
          "Wrap the rules in an object: {\"rules\": [...]}.");
      return List.of();
    }
    if (root.has(WRAPPER_KEY)) {
      rejectUnknownKeys(root, "$", WRAPPER_KEYS);
      JsonNode registryId = root.get("registryId");
      if (registryId != null && !registryId.isString()) {
        violation(
            "$.registryId",
            "\"registryId\" must be a string, but it is " + PolicyJson.typeName(registryId) + ".",
            "Quote the account ID, or remove the key.");
      }
      JsonNode configuration = root.get(WRAPPER_KEY);
      String path = "$." + WRAPPER_KEY;
      if (!configuration.isObject()) {
        violation(
            path,
            "\""
                + WRAPPER_KEY
                + "\" must be an object, but it is "
                + PolicyJson.typeName(configuration)
                + ".",
            "Write it as {\"rules\": [...]}.");
        return List.of();
      }
      return readConfiguration(configuration, path);
    }
    return readConfiguration(root, "$");
  }

  private List<ReplicationRule> readConfiguration(JsonNode configuration, String path) {
    rejectUnknownKeys(configuration, path, CONFIGURATION_KEYS);
    rulesPath = path + ".rules";
    JsonNode rulesNode = configuration.get("rules");
    if (rulesNode == null) {
      violation(
          rulesPath,
          "The required key \"rules\" is missing.",
          "Add \"rules\": [ ... ]; an empty list turns replication off.");
      return List.of();
    }
    if (!rulesNode.isArray()) {
      violation(
          rulesPath,
          "\"rules\" must be an array, but it is " + PolicyJson.typeName(rulesNode) + ".",
          "Write the rules as a JSON array: \"rules\": [ {...}, {...} ].");
      return List.of();
    }
    ruleCount = rulesNode.size();
    List<ReplicationRule> rules = new ArrayList<>();
    for (int i = 0; i < rulesNode.size(); i++) {
      String rulePath = rulesPath + "[" + i + "]";
      Optional<ReplicationRule> rule = readRule(rulesNode.get(i), rulePath);
      if (rule.isPresent()) {
        rules.add(rule.get());
        rulePaths.add(rulePath);
      }
    }
    return rules;
  }

  private Optional<ReplicationRule> readRule(JsonNode node, String path) {
    if (!node.isObject()) {
      violation(
          path,
          "A rule must be a JSON object, but it is " + PolicyJson.typeName(node) + ".",
          "Write the rule as {\"destinations\": [{\"region\": \"us-west-2\", \"registryId\":"
              + " \"111122223333\"}]}.");
      return Optional.empty();
    }
    int errorsBefore = violations.size();
    rejectUnknownKeys(node, path, RULE_KEYS);

    List<ReplicationDestination> destinations = List.of();
    JsonNode destinationsNode = node.get("destinations");
    String destinationsPath = path + ".destinations";
    if (destinationsNode == null) {
      violation(
          destinationsPath,
          "The required key \"destinations\" is missing.",
          "Add \"destinations\": [{\"region\": \"us-west-2\", \"registryId\": \"111122223333\"}]"
              + " with the registries and Regions to replicate to.");
    } else if (requireArray(destinationsNode, "destinations", destinationsPath)) {
      destinations = readDestinations(destinationsNode, destinationsPath);
    }

    List<RepositoryFilter> filters = List.of();
    JsonNode filtersNode = node.get("repositoryFilters");
    String filtersPath = path + ".repositoryFilters";
    if (filtersNode != null && requireArray(filtersNode, "repositoryFilters", filtersPath)) {
      if (filtersNode.isEmpty()) {
        violation(
            filtersPath,
            "\"repositoryFilters\" is an empty list; ECR requires at least one filter when the key"
                + " is present.",
            "Remove the key to replicate every repository, or add a filter such as {\"filter\":"
                + " \"prod\", \"filterType\": \"PREFIX_MATCH\"}.");
      } else {
        filters = readFilters(filtersNode, filtersPath);
      }
    }

    Boolean deleteReplication = readDeleteReplication(node.get("deleteReplication"), path);

    if (violations.size() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new ReplicationRule(destinations, filters, deleteReplication));
  }

  private List<ReplicationDestination> readDestinations(JsonNode array, String path) {
    List<ReplicationDestination> destinations = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String entryPath = path + "[" + i + "]";
      if (!node.isObject()) {
        violation(
            entryPath,
            "A destination must be a JSON object, but it is " + PolicyJson.typeName(node) + ".",
            "Write it as {\"region\": \"us-west-2\", \"registryId\": \"111122223333\"}.");
        continue;
      }
      rejectUnknownKeys(node, entryPath, DESTINATION_KEYS);
      String region = readString(node, "region", entryPath, "a Region code such as \"us-west-2\"");
      String registryId = readRegistryId(node, entryPath);
      if (region != null && registryId != null) {
        destinations.add(new ReplicationDestination(region, registryId));
      }
    }
    return destinations;
  }

  private List<RepositoryFilter> readFilters(JsonNode array, String path) {
    List<RepositoryFilter> filters = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String entryPath = path + "[" + i + "]";
      if (!node.isObject()) {
        String fix =
            node.isString()
                ? "Write it as {\"filter\": "
                    + PolicyJson.shortText(node)
                    + ", \"filterType\": \"PREFIX_MATCH\"}."
                : "Write it as {\"filter\": \"prod\", \"filterType\": \"PREFIX_MATCH\"}.";
        violation(
            entryPath,
            "A repository filter must be a JSON object, but it is "
                + PolicyJson.typeName(node)
                + ".",
            fix);
        continue;
      }
      rejectUnknownKeys(node, entryPath, FILTER_KEYS);
      String filter = readString(node, "filter", entryPath, "a repository name prefix");
      RepositoryFilterType type = readFilterType(node, entryPath);
      if (filter != null && type != null) {
        filters.add(new RepositoryFilter(filter, type));
      }
    }
    return filters;
  }

  private @Nullable Boolean readDeleteReplication(@Nullable JsonNode node, String rulePath) {
    if (node == null) {
      return null;
    }
    String path = rulePath + ".deleteReplication";
    if (!node.isObject()) {
      String fix =
          node.isBoolean()
              ? "Write it as an object: \"deleteReplication\": {\"enabled\": "
                  + node.booleanValue()
                  + "}."
              : "Write it as {\"enabled\": true} or {\"enabled\": false}, or remove the key.";
      violation(
          path,
          "\"deleteReplication\" must be an object, but it is " + PolicyJson.typeName(node) + ".",
          fix);
      return null;
    }
    rejectUnknownKeys(node, path, DELETE_REPLICATION_KEYS);
    JsonNode enabled = node.get("enabled");
    if (enabled == null) {
      violation(
          path + ".enabled",
          "The required key \"enabled\" is missing.",
          "Add \"enabled\": true to replicate deletions, or remove \"deleteReplication\".");
      return null;
    }
    if (!enabled.isBoolean()) {
      String fix =
          enabled.isString()
                  && (enabled.stringValue().equalsIgnoreCase("true")
                      || enabled.stringValue().equalsIgnoreCase("false"))
              ? "Write the boolean without quotes: \"enabled\": "
                  + enabled.stringValue().toLowerCase(Locale.ROOT)
                  + "."
              : "Use true or false.";
      violation(
          path + ".enabled",
          "\"enabled\" must be a boolean, but it is "
              + PolicyJson.typeName(enabled)
              + " ("
              + PolicyJson.shortText(enabled)
              + ").",
          fix);
      return null;
    }
    return enabled.booleanValue();
  }

  private @Nullable String readRegistryId(JsonNode parent, String parentPath) {
    JsonNode node = parent.get("registryId");
    if (node != null && node.isIntegralNumber()) {
      BigInteger number = node.bigIntegerValue();
      String digits = number.toString();
      if (number.signum() < 0 || digits.length() > 12) {
        violation(
            parentPath + ".registryId",
            "\"registryId\" must be a string, but it is an integer (" + digits + ").",
            "Write the 12-digit AWS account ID of the destination registry as a string, such as"
                + " \"registryId\": \"111122223333\".");
        return null;
      }
      // A JSON number drops the leading zeros that many account IDs have.
      String padded = "0".repeat(12 - digits.length()) + digits;
      violation(
          parentPath + ".registryId",
          "\"registryId\" must be a string, but it is an integer ("
              + digits
              + "); as a number, an account ID loses its leading zeros.",
          "Quote the 12-digit account ID: \"registryId\": \"" + padded + "\".");
      return null;
    }
    return readString(parent, "registryId", parentPath, "a 12-digit AWS account ID");
  }

  private @Nullable RepositoryFilterType readFilterType(JsonNode parent, String parentPath) {
    String text = readString(parent, "filterType", parentPath, "\"PREFIX_MATCH\"");
    if (text == null) {
      return null;
    }
    Optional<RepositoryFilterType> type = RepositoryFilterType.fromJson(text);
    if (type.isPresent()) {
      return type.get();
    }
    String path = parentPath + ".filterType";
    if (text.equalsIgnoreCase("PREFIX_MATCH") || text.equalsIgnoreCase("prefix")) {
      violation(
          path,
          "\"" + text + "\" is not a valid filterType; the value is case-sensitive.",
          "Write \"PREFIX_MATCH\".");
    } else {
      violation(
          path,
          "\""
              + text
              + "\" is not a valid filterType; ECR supports only \"PREFIX_MATCH\", which matches"
              + " the start of repository names.",
          "Use \"PREFIX_MATCH\" with the repository name prefix as the filter; wildcards and"
              + " regular expressions are not supported.");
    }
    return null;
  }

  private @Nullable String readString(
      JsonNode parent, String key, String parentPath, String expected) {
    JsonNode node = parent.get(key);
    String path = parentPath + "." + key;
    if (node == null) {
      violation(
          path,
          "The required key \"" + key + "\" is missing.",
          "Add \"" + key + "\" with " + expected + ".");
      return null;
    }
    if (!node.isString()) {
      violation(
          path,
          "\"" + key + "\" must be a string, but it is " + PolicyJson.typeName(node) + ".",
          node.isNull()
              ? "Set it to " + expected + "; ECR accepts no null values here."
              : "Set it to " + expected + ".");
      return null;
    }
    return node.stringValue();
  }

  private boolean requireArray(JsonNode node, String key, String path) {
    if (node.isArray()) {
      return true;
    }
    violation(
        path,
        "\"" + key + "\" must be an array, but it is " + PolicyJson.typeName(node) + ".",
        node.isObject()
            ? "Wrap the object in a list: \"" + key + "\": [ {...} ]."
            : "Write it as a JSON array: \"" + key + "\": [ {...} ].");
    return false;
  }

  private void rejectUnknownKeys(JsonNode object, String path, Set<String> known) {
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
          "Unknown key \""
              + key
              + "\"; ECR rejects keys its replication configuration does not define.",
          fix);
    }
  }

  private void violation(String path, String message, String fix) {
    violations.add(new PolicyViolation(path, null, message, fix, null));
  }
}
