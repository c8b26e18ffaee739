package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads permission policy JSON into statements, collecting every structural problem (malformed
 * JSON, unknown or misspelled elements, wrong types, unknown values) instead of stopping at the
 * first. It accepts every form IAM does: a single statement object instead of an array, a string or
 * an array for each list element, and {@code "Principal": "*"}. ECR's rules for each kind of policy
 * are checked later by {@link IamPolicyValidator}.
 */
final class IamPolicyParser {

  private static final Set<String> POLICY_KEYS = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final Set<String> PRINCIPAL_KEYS = Set.of("AWS", "Service");

  /**
   * The statements that could be read completely, their paths, and every structural violation. A
   * statement with a structural violation is left out of {@code statements}. {@code statementCount}
   * counts every entry of the {@code Statement} element, or is -1 when it is missing or unreadable.
   */
  record Result(
      PolicyVersion version,
      @Nullable String id,
      List<PolicyStatement> statements,
      List<String> statementPaths,
      int statementCount,
      List<PolicyViolation> violations,
      List<PolicyWarning> warnings) {}

  private final String subject;
  private final List<PolicyViolation> violations = new ArrayList<>();
  private final List<PolicyWarning> warnings = new ArrayList<>();
  private final List<String> statementPaths = new ArrayList<>();
  private PolicyVersion version = PolicyVersion.V2012_10_17;
  private @Nullable String id;
  private int statementCount = -1;

  private IamPolicyParser(String subject) {
    this.subject = subject;
  }

  /**
   * Parses {@code text}.
   *
   * @param subject the kind of policy for messages, such as "repository policy"
   */
  static Result parse(String text, String subject) {
    IamPolicyParser parser = new IamPolicyParser(subject);
    List<PolicyStatement> statements = parser.readPolicy(text);
    return new Result(
        parser.version,
        parser.id,
        List.copyOf(statements),
        List.copyOf(parser.statementPaths),
        parser.statementCount,
        List.copyOf(parser.violations),
        List.copyOf(parser.warnings));
  }

  private List<PolicyStatement> readPolicy(String text) {
    JsonNode root;
    try {
      root = PolicyJson.readTree(text);
    } catch (PolicyJson.MalformedJsonException e) {
      violation(
          "$",
          "The " + subject + " is not valid JSON: " + e.getMessage() + ".",
          "Correct the JSON syntax; a policy is an object such as {\"Version\": \"2012-10-17\","
              + " \"Statement\": [...]}.");
      return List.of();
    }
    if (!root.isObject()) {
      violation(
          "$",
          "The " + subject + " must be a JSON object, but it is " + PolicyJson.typeName(root) + ".",
          "Write the policy as {\"Version\": \"2012-10-17\", \"Statement\": [...]}.");
      return List.of();
    }
    rejectUnknownKeys(root, "$", POLICY_KEYS, "policy element");
    readVersion(root.get("Version"));
    id = readOptionalString(root, "Id", "$");

    JsonNode statementNode = root.get("Statement");
    if (statementNode == null) {
      violation(
          "$.Statement",
          "The required element \"Statement\" is missing.",
          "Add \"Statement\": [ {...} ] with at least one statement.");
      return List.of();
    }
    List<PolicyStatement> statements = new ArrayList<>();
    if (statementNode.isObject()) {
      // IAM accepts a lone statement object in place of an array of one.
      statementCount = 1;
      readStatement(statementNode, "$.Statement").ifPresent(statements::add);
      return statements;
    }
    if (!statementNode.isArray()) {
      violation(
          "$.Statement",
          "\"Statement\" must be an array of statements or one statement object, but it is "
              + PolicyJson.typeName(statementNode)
              + ".",
          "Write \"Statement\": [ {\"Effect\": \"Allow\", ...} ].");
      return List.of();
    }
    statementCount = statementNode.size();
    for (int i = 0; i < statementNode.size(); i++) {
      readStatement(statementNode.get(i), "$.Statement[" + i + "]").ifPresent(statements::add);
    }
    return statements;
  }

  private void readVersion(@Nullable JsonNode node) {
    if (node == null) {
      version = PolicyVersion.V2008_10_17;
      warnings.add(
          new PolicyWarning(
              "$.Version",
              null,
              "The policy has no \"Version\", so IAM reads it as version 2008-10-17, in which"
                  + " policy variables such as ${aws:username} are plain text.",
              "Add \"Version\": \"2012-10-17\" as the first element."));
      return;
    }
    if (!node.isString()) {
      violation(
          "$.Version",
          "\"Version\" must be a string, but it is " + PolicyJson.typeName(node) + ".",
          "Write \"Version\": \"2012-10-17\".");
      return;
    }
    for (PolicyVersion candidate : PolicyVersion.values()) {
      if (candidate.json().equals(node.stringValue())) {
        version = candidate;
        return;
      }
    }
    violation(
        "$.Version",
        "\""
            + node.stringValue()
            + "\" is not a policy language version; IAM knows \"2012-10-17\" and \"2008-10-17\".",
        "Write \"Version\": \"2012-10-17\"; the version is a fixed date, not the date the policy"
            + " was written.");
  }

  private Optional<PolicyStatement> readStatement(JsonNode node, String path) {
    if (!node.isObject()) {
      violation(
          path,
          "A statement must be a JSON object, but it is " + PolicyJson.typeName(node) + ".",
          "Write the statement as {\"Effect\": \"Allow\", \"Principal\": {...}, \"Action\": [...]}.");
      return Optional.empty();
    }
    int errorsBefore = violations.size();
    rejectUnknownKeys(node, path, STATEMENT_KEYS, "statement element");

    String sid = readOptionalString(node, "Sid", path);
    Effect effect = readEffect(node.get("Effect"), path + ".Effect");
    List<Principal> principals = readPrincipals(node.get("Principal"), path + ".Principal");
    List<Principal> notPrincipals =
        readPrincipals(node.get("NotPrincipal"), path + ".NotPrincipal");
    List<String> actions = readStrings(node.get("Action"), path + ".Action", "Action");
    List<String> notActions = readStrings(node.get("NotAction"), path + ".NotAction", "NotAction");
    List<String> resources = readStrings(node.get("Resource"), path + ".Resource", "Resource");
    List<String> notResources =
        readStrings(node.get("NotResource"), path + ".NotResource", "NotResource");
    List<Condition> conditions = readConditions(node.get("Condition"), path + ".Condition");

    if (violations.size() > errorsBefore || effect == null) {
      return Optional.empty();
    }
    statementPaths.add(path);
    return Optional.of(
        new PolicyStatement(
            sid,
            effect,
            principals,
            notPrincipals,
            actions,
            notActions,
            resources,
            notResources,
            conditions));
  }

  private @Nullable Effect readEffect(@Nullable JsonNode node, String path) {
    if (node == null) {
      violation(
          path,
          "The required element \"Effect\" is missing.",
          "Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\".");
      return null;
    }
    if (!node.isString()) {
      violation(
          path,
          "\"Effect\" must be a string, but it is " + PolicyJson.typeName(node) + ".",
          "Write \"Allow\" or \"Deny\".");
      return null;
    }
    String text = node.stringValue();
    for (Effect effect : Effect.values()) {
      if (effect.json().equals(text)) {
        return effect;
      }
      if (effect.json().equalsIgnoreCase(text)) {
        violation(
            path,
            "\"" + text + "\" is not a valid Effect; IAM policy values here are case-sensitive.",
            "Write \"" + effect.json() + "\".");
        return null;
      }
    }
    violation(path, "\"" + text + "\" is not a valid Effect.", "Write \"Allow\" or \"Deny\".");
    return null;
  }

  private List<Principal> readPrincipals(@Nullable JsonNode node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node.isString()) {
      if (node.stringValue().equals("*")) {
        return List.of(Principal.everyone());
      }
      String value = node.stringValue();
      String type = value.endsWith(".amazonaws.com") ? "Service" : "AWS";
      violation(
          path,
          "A principal written as a plain string must be \"*\", but it is \"" + value + "\".",
          "List it by type: {\"" + type + "\": \"" + value + "\"}.");
      return List.of();
    }
    if (!node.isObject()) {
      violation(
          path,
          "A principal must be \"*\" or an object such as {\"AWS\": [...]}, but it is "
              + PolicyJson.typeName(node)
              + ".",
          "Write {\"AWS\": \"arn:aws:iam::123456789012:root\"} or {\"Service\":"
              + " \"lambda.amazonaws.com\"}.");
      return List.of();
    }
    if (node.isEmpty()) {
      violation(
          path,
          "The principal object is empty.",
          "List the principals, such as {\"AWS\": \"123456789012\"}, or remove the element.");
      return List.of();
    }
    List<Principal> principals = new ArrayList<>();
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String key = property.getKey();
      String keyPath = path + "." + key;
      Principal.Type type =
          switch (key) {
            case "AWS" -> Principal.Type.AWS;
            case "Service" -> Principal.Type.SERVICE;
            default -> null;
          };
      if (type == null) {
        rejectPrincipalType(key, keyPath);
        continue;
      }
      for (String value : readStrings(property.getValue(), keyPath, key)) {
        principals.add(new Principal(type, value));
      }
    }
    return principals;
  }

  private void rejectPrincipalType(String key, String path) {
    if (key.equals("Federated") || key.equals("CanonicalUser")) {
      // NOTE: ECR's documentation lists AWS and Service principals only. Federated belongs in
      // role trust policies and CanonicalUser in S3 policies.
      violation(
          path,
          "\"" + key + "\" principals are not supported in ECR policies, only AWS and Service.",
          "Grant the IAM role that the federated or S3 identity uses, under \"AWS\".");
      return;
    }
    Optional<String> suggestion = PolicyJson.closest(key, PRINCIPAL_KEYS);
    violation(
        path,
        "Unknown principal type \"" + key + "\"; ECR policies accept \"AWS\" and \"Service\".",
        suggestion
            .map(name -> "Write \"" + name + "\"; principal types are case-sensitive.")
            .orElse("Use \"AWS\" for accounts, roles and users, or \"Service\" for services."));
  }

  /** Reads an element that IAM accepts as one string or as an array of strings. */
  private List<String> readStrings(@Nullable JsonNode node, String path, String name) {
    if (node == null) {
      return List.of();
    }
    if (node.isString()) {
      return List.of(node.stringValue());
    }
    if (!node.isArray()) {
      violation(
          path,
          "\""
              + name
              + "\" must be a string or an array of strings, but it is "
              + PolicyJson.typeName(node)
              + ".",
          node.isNull()
              ? "Remove the element, or give it a value."
              : "Quote the value, or write a list such as [\"a\", \"b\"].");
      return List.of();
    }
    if (node.isEmpty()) {
      violation(
          path,
          "\"" + name + "\" is an empty list.",
          "Add at least one entry, or remove the element.");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      if (entry.isString()) {
        values.add(entry.stringValue());
      } else {
        violation(
            path + "[" + i + "]",
            "An entry of \"" + name + "\" must be a string, but it is " + typeOf(entry) + ".",
            "Quote the entry.");
      }
    }
    return values;
  }

  private List<Condition> readConditions(@Nullable JsonNode node, String path) {
    if (node == null) {
      return List.of();
    }
    if (!node.isObject()) {
      violation(
          path,
          "\"Condition\" must be an object, but it is " + PolicyJson.typeName(node) + ".",
          "Write {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}.");
      return List.of();
    }
    if (node.isEmpty()) {
      violation(path, "\"Condition\" is an empty object.", "Add a condition, or remove it.");
      return List.of();
    }
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> operator : node.properties()) {
      String operatorPath = path + "['" + operator.getKey() + "']";
      JsonNode keys = operator.getValue();
      if (!keys.isObject() || keys.isEmpty()) {
        violation(
            operatorPath,
            "The condition operator \""
                + operator.getKey()
                + "\" must map to an object of condition keys, but it is "
                + (keys.isObject() ? "an empty object" : PolicyJson.typeName(keys))
                + ".",
            "Write {\"" + operator.getKey() + "\": {\"aws:SourceAccount\": \"123456789012\"}}.");
        continue;
      }
      for (Map.Entry<String, JsonNode> key : keys.properties()) {
        String keyPath = operatorPath + "['" + key.getKey() + "']";
        List<String> values = readConditionValues(key.getValue(), keyPath);
        if (!values.isEmpty()) {
          conditions.add(new Condition(operator.getKey(), key.getKey(), values));
        }
      }
    }
    return conditions;
  }

  /** Reads condition values: a string, number or boolean, or an array of them. */
  private List<String> readConditionValues(JsonNode node, String path) {
    if (isScalar(node)) {
      return List.of(scalarText(node));
    }
    if (!node.isArray() || node.isEmpty()) {
      violation(
          path,
          "A condition value must be a string, number or boolean, or a non-empty array of them,"
              + " but it is "
              + (node.isArray() ? "an empty array" : typeOf(node))
              + ".",
          "Write the value, or a list such as [\"a\", \"b\"], which matches either.");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      if (isScalar(entry)) {
        values.add(scalarText(entry));
      } else {
        violation(
            path + "[" + i + "]",
            "A condition value must be a string, number or boolean, but it is "
                + typeOf(entry)
                + ".",
            "Quote the value.");
      }
    }
    return values.size() == node.size() ? values : List.of();
  }

  private static boolean isScalar(JsonNode node) {
    return node.isString() || node.isNumber() || node.isBoolean();
  }

  private static String scalarText(JsonNode node) {
    return node.isString() ? node.stringValue() : PolicyJson.minified(node);
  }

  private static String typeOf(JsonNode node) {
    return node.isNull() ? "null" : PolicyJson.typeName(node);
  }

  private @Nullable String readOptionalString(JsonNode parent, String key, String parentPath) {
    JsonNode node = parent.get(key);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      violation(
          parentPath + "." + key,
          "\"" + key + "\" must be a string, but it is " + PolicyJson.typeName(node) + ".",
          "Quote the value, or remove the element.");
      return null;
    }
    return node.stringValue();
  }

  private void rejectUnknownKeys(
      JsonNode object, String path, Set<String> known, String elementKind) {
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String key = property.getKey();
      if (known.contains(key)) {
        continue;
      }
      Optional<String> suggestion = PolicyJson.closest(key, known);
      if (suggestion.isPresent() && suggestion.get().equalsIgnoreCase(key)) {
        violation(
            path + "." + key,
            "Unknown "
                + elementKind
                + " \""
                + key
                + "\"; IAM element names are case-sensitive, so it is not \""
                + suggestion.get()
                + "\".",
            "Write \"" + suggestion.get() + "\".");
        continue;
      }
      String fix =
          suggestion
              .map(name -> "Did you mean \"" + name + "\"? Rename the key.")
              .orElse(
                  "Remove the key; allowed keys here are "
                      + String.join(", ", known.stream().sorted().toList())
                      + ".");
      violation(
          path + "." + key,
          "Unknown "
              + elementKind
              + " \""
              + key
              + "\"; IAM rejects elements its policy grammar lacks.",
          fix);
    }
  }

  private void violation(String path, String message, String fix) {
    violations.add(new PolicyViolation(path, null, message, fix, null));
  }
}
