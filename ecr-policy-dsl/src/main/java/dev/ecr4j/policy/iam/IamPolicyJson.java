package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders permission policies in a fixed key order: {@code Version}, {@code Id}, {@code Statement},
 * and in each statement {@code Sid}, {@code Effect}, {@code Principal} or {@code NotPrincipal},
 * {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource}, {@code Condition}.
 * Absent elements are left out. An element with one entry is written as a string, as IAM's own
 * examples do, and one with several as an array.
 */
final class IamPolicyJson {

  private IamPolicyJson() {}

  static ObjectNode document(
      PolicyVersion version, @Nullable String id, List<PolicyStatement> statements) {
    ObjectNode root = PolicyJson.object();
    root.put("Version", version.json());
    if (id != null) {
      root.put("Id", id);
    }
    ArrayNode array = root.putArray("Statement");
    for (PolicyStatement statement : statements) {
      array.add(statement(statement));
    }
    return root;
  }

  static ObjectNode statement(PolicyStatement statement) {
    ObjectNode node = PolicyJson.object();
    if (statement.sid() != null) {
      node.put("Sid", statement.sid());
    }
    node.put("Effect", statement.effect().json());
    putPrincipals(node, "Principal", statement.principals());
    putPrincipals(node, "NotPrincipal", statement.notPrincipals());
    putValues(node, "Action", statement.actions());
    putValues(node, "NotAction", statement.notActions());
    putValues(node, "Resource", statement.resources());
    putValues(node, "NotResource", statement.notResources());
    putConditions(node, statement.conditions());
    return node;
  }

  /**
   * Writes the principals. The AWS principal {@code *} alone is written as {@code "Principal":
   * "*"}, which IAM documents as equivalent to {@code {"AWS": "*"}}.
   */
  private static void putPrincipals(ObjectNode node, String key, List<Principal> principals) {
    if (principals.isEmpty()) {
      return;
    }
    if (principals.size() == 1 && principals.get(0).isEveryone()) {
      node.put(key, "*");
      return;
    }
    ObjectNode object = node.putObject(key);
    for (Principal.Type type : Principal.Type.values()) {
      List<String> values = new ArrayList<>();
      for (Principal principal : principals) {
        if (principal.type() == type) {
          values.add(principal.value());
        }
      }
      putValues(object, type.json(), values);
    }
  }

  /**
   * Writes the conditions grouped by operator, in the order they were added. A JSON object has
   * unique keys, so two conditions with the same operator and key have their values merged here.
   * The validator reports the duplicate.
   */
  private static void putConditions(ObjectNode node, List<Condition> conditions) {
    if (conditions.isEmpty()) {
      return;
    }
    Map<String, Map<String, List<String>>> byOperator = new LinkedHashMap<>();
    for (Condition condition : conditions) {
      List<String> values =
          byOperator
              .computeIfAbsent(condition.operator(), unused -> new LinkedHashMap<>())
              .computeIfAbsent(condition.key(), unused -> new ArrayList<>());
      for (String value : condition.values()) {
        if (!values.contains(value)) {
          values.add(value);
        }
      }
    }
    ObjectNode conditionNode = node.putObject("Condition");
    for (Map.Entry<String, Map<String, List<String>>> operator : byOperator.entrySet()) {
      ObjectNode keys = conditionNode.putObject(operator.getKey());
      for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
        List<String> values = key.getValue();
        if (values.size() == 1) {
          keys.put(key.getKey(), values.get(0));
        } else {
          ArrayNode array = keys.putArray(key.getKey());
          values.forEach(array::add);
        }
      }
    }
  }

  private static void putValues(ObjectNode node, String key, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    if (values.size() == 1) {
      node.put(key, values.get(0));
      return;
    }
    ArrayNode array = node.putArray(key);
    values.forEach(array::add);
  }
}
