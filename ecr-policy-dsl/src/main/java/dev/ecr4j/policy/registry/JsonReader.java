package dev.ecr4j.policy.registry;

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
 * Reads one registry setting document strictly, collecting every structural problem (malformed
 * JSON, unknown keys, wrong JSON types, unknown enum values, null values) instead of stopping at
 * the first. Each read method returns {@code null} after recording a violation, so a parser can go
 * on and report the rest of the document.
 */
final class JsonReader {

  private final String documentName;
  private final String operation;
  private final List<PolicyViolation> violations = new ArrayList<>();

  /**
   * @param documentName the document as a noun phrase, such as "the registry scanning
   *     configuration"
   * @param operation the ECR request whose input the document is, such as
   *     "PutRegistryScanningConfiguration"
   */
  JsonReader(String documentName, String operation) {
    this.documentName = documentName;
    this.operation = operation;
  }

  /** Returns every violation recorded so far, in document order. */
  List<PolicyViolation> violations() {
    return List.copyOf(violations);
  }

  /** Returns how many violations have been recorded, to tell later whether a part added any. */
  int violationCount() {
    return violations.size();
  }

  /** Records a structural violation. */
  void add(String path, String message, String fix) {
    violations.add(new PolicyViolation(path, null, message, fix, null));
  }

  /** Records violations found elsewhere, such as in an embedded lifecycle policy. */
  void addAll(List<PolicyViolation> more) {
    violations.addAll(more);
  }

  /** Parses {@code text} and returns its root, or {@code null} when it is not a JSON value. */
  @Nullable JsonNode readRoot(String text, String example) {
    try {
      return PolicyJson.readTree(text);
    } catch (PolicyJson.MalformedJsonException e) {
      add(
          "$",
          capitalized(documentName) + " is not valid JSON: " + e.getMessage() + ".",
          "Correct the JSON syntax; the document looks like " + example + ".");
      return null;
    }
  }

  /** Returns the root when it is an object, or records a violation. */
  @Nullable JsonNode readRootObject(String text, String example) {
    JsonNode root = readRoot(text, example);
    if (root == null) {
      return null;
    }
    if (!root.isObject()) {
      add(
          "$",
          capitalized(documentName)
              + " must be a JSON object, but it is "
              + PolicyJson.typeName(root)
              + ".",
          "Write it as an object such as " + example + ".");
      return null;
    }
    return root;
  }

  /** Records a violation for each key of {@code object} that is not in {@code known}. */
  void rejectUnknownKeys(JsonNode object, String path, List<String> known) {
    rejectUnknownKeys(object, path, known, Set.of(), Set.of());
  }

  /**
   * Records a violation for each key of {@code object} that is not in {@code known}. Keys that ECR
   * returns in its responses, and parameters of the request that are not part of this value (such
   * as {@code registryId}), get messages that name the reason.
   */
  void rejectUnknownKeys(
      JsonNode object,
      String path,
      List<String> known,
      Set<String> outputOnly,
      Set<String> requestOnly) {
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String key = property.getKey();
      if (known.contains(key)) {
        continue;
      }
      String keyPath = path + "." + key;
      if (outputOnly.contains(key)) {
        add(
            keyPath,
            "\"" + key + "\" is a value ECR reports, not part of the " + operation + " request.",
            "Remove the key.");
      } else if (requestOnly.contains(key)) {
        add(
            keyPath,
            "\""
                + key
                + "\" is a parameter of the "
                + operation
                + " request, not part of "
                + documentName
                + ".",
            "Remove the key, and pass the value with the request.");
      } else {
        Optional<String> suggestion = PolicyJson.closest(key, known);
        add(
            keyPath,
            "Unknown key \"" + key + "\"; the " + operation + " request defines no such key here.",
            suggestion
                .map(name -> "Did you mean \"" + name + "\"? Rename the key.")
                .orElse(
                    "Remove the key; the keys allowed here are " + String.join(", ", known) + "."));
      }
    }
  }

  /**
   * Returns the object under {@code key}, or {@code null} when it is absent or not an object.
   *
   * @param example an example value, quoted in the fix
   */
  @Nullable JsonNode object(
      JsonNode parent, String key, String parentPath, boolean required, String example) {
    JsonNode node = present(parent, key, parentPath, required, "an object such as " + example);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      wrongType(parentPath + "." + key, key, "an object", node, "Write it as " + example + ".");
      return null;
    }
    return node;
  }

  /** Returns the elements of the array under {@code key}, or {@code null}. */
  @Nullable List<JsonNode> array(
      JsonNode parent, String key, String parentPath, boolean required, String example) {
    JsonNode node = present(parent, key, parentPath, required, "a list such as " + example);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      wrongType(
          parentPath + "." + key,
          key,
          "an array",
          node,
          "Write it as a list such as " + example + ".");
      return null;
    }
    List<JsonNode> elements = new ArrayList<>();
    node.forEach(elements::add);
    return elements;
  }

  /** Returns the string under {@code key}, or {@code null}. */
  @Nullable String string(
      JsonNode parent, String key, String parentPath, boolean required, String example) {
    JsonNode node = present(parent, key, parentPath, required, example);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      wrongType(parentPath + "." + key, key, "a string", node, "Write it as " + example + ".");
      return null;
    }
    return node.stringValue();
  }

  /** Returns the string of an array element, or {@code null} when the element is not a string. */
  @Nullable String stringElement(JsonNode element, String path, String example) {
    if (!element.isString()) {
      add(
          path,
          "A list entry here must be a string, but it is " + PolicyJson.typeName(element) + ".",
          "Write it as " + example + ".");
      return null;
    }
    return element.stringValue();
  }

  /** Returns the boolean under {@code key}, or {@code null}. */
  @Nullable Boolean bool(JsonNode parent, String key, String parentPath, boolean required) {
    JsonNode node = present(parent, key, parentPath, required, "true or false");
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      String fix =
          node.isString()
              ? "Write the value without quotes: \"" + key + "\": " + node.stringValue() + "."
              : "Write true or false.";
      wrongType(parentPath + "." + key, key, "a boolean", node, fix);
      return null;
    }
    return node.booleanValue();
  }

  /**
   * Returns the constant of {@code values} whose JSON spelling is the string under {@code key}, or
   * {@code null}. Enum values are case-sensitive in ECR's API.
   */
  <E extends Enum<E>> @Nullable E enumValue(
      JsonNode parent,
      String key,
      String parentPath,
      E[] values,
      Function<E, String> json,
      boolean required) {
    String allowed = allowedValues(values, json);
    String text = string(parent, key, parentPath, required, "one of " + allowed);
    if (text == null) {
      return null;
    }
    return enumFromText(text, parentPath + "." + key, key, values, json);
  }

  /** Returns the constant spelled {@code text}, or records a violation for {@code path}. */
  <E extends Enum<E>> @Nullable E enumFromText(
      String text, String path, String name, E[] values, Function<E, String> json) {
    for (E value : values) {
      if (json.apply(value).equals(text)) {
        return value;
      }
    }
    String allowed = allowedValues(values, json);
    for (E value : values) {
      if (json.apply(value).equalsIgnoreCase(text)) {
        add(
            path,
            "\"" + text + "\" is not a valid " + name + "; ECR's values are case-sensitive.",
            "Write \"" + json.apply(value) + "\".");
        return null;
      }
    }
    add(path, "\"" + text + "\" is not a valid " + name + ".", "Use one of " + allowed + ".");
    return null;
  }

  /**
   * Checks that the string under {@code key} is {@code expected}, the only value ECR defines for
   * it, such as {@code "WILDCARD"} for a filter type.
   */
  void constant(JsonNode parent, String key, String parentPath, String expected) {
    String text = string(parent, key, parentPath, true, "\"" + expected + "\"");
    if (text != null && !text.equals(expected)) {
      add(
          parentPath + "." + key,
          "\"" + text + "\" is not a valid " + key + "; ECR supports only \"" + expected + "\".",
          "Write \"" + expected + "\".");
    }
  }

  private @Nullable JsonNode present(
      JsonNode parent, String key, String parentPath, boolean required, String example) {
    JsonNode node = parent.get(key);
    String path = parentPath + "." + key;
    if (node == null) {
      if (required) {
        add(
            path,
            "The required key \"" + key + "\" is missing.",
            "Add \"" + key + "\" with " + example + ".");
      }
      return null;
    }
    if (node.isNull()) {
      add(
          path,
          "\"" + key + "\" is null; ECR's API accepts no null values.",
          required
              ? "Set \"" + key + "\" to " + example + "."
              : "Remove the key, or set it to " + example + ".");
      return null;
    }
    return node;
  }

  private void wrongType(String path, String key, String expected, JsonNode node, String fix) {
    add(
        path,
        "\""
            + key
            + "\" must be "
            + expected
            + ", but it is "
            + PolicyJson.typeName(node)
            + " ("
            + PolicyJson.shortText(node)
            + ").",
        fix);
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static <E extends Enum<E>> String allowedValues(E[] values, Function<E, String> json) {
    List<String> names = new ArrayList<>();
    for (E value : values) {
      names.add("\"" + json.apply(value) + "\"");
    }
    return String.join(", ", names);
  }
}
