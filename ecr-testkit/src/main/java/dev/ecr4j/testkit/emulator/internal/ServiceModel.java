package dev.ecr4j.testkit.emulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A service's API model, read from a trimmed copy of botocore's {@code service-2.json} (see {@code
 * tools/trim-service-model.py}, which records the botocore version in the resource's {@code source}
 * member), and the validation of request bodies against its constraints.
 *
 * <p>The AWS SDKs do no client-side validation, so the emulator enforces every constraint of the
 * model: required members, JSON types, string and list lengths, patterns, enums and number ranges.
 * Each violation is answered with ECR's {@code InvalidParameterException} text; a JSON type that
 * does not match the model is a {@code SerializationException}, as in the awsJson protocol.
 */
final class ServiceModel {

  private final String targetPrefix;
  private final Map<String, String> inputShapes;
  private final Map<String, Shape> shapes;

  private ServiceModel(
      String targetPrefix, Map<String, String> inputShapes, Map<String, Shape> shapes) {
    this.targetPrefix = targetPrefix;
    this.inputShapes = inputShapes;
    this.shapes = shapes;
  }

  /** Reads the model resource {@code name} next to this class. */
  static ServiceModel load(String name) {
    @Nullable JsonNode root;
    try (InputStream in = ServiceModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The service model resource " + name + " is missing");
      }
      root = JsonTrees.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the service model resource " + name, e);
    }
    if (root == null) {
      throw new IllegalStateException("The service model resource " + name + " is empty");
    }

    Map<String, String> inputs = new HashMap<>();
    for (Map.Entry<String, JsonNode> operation : root.get("operations").properties()) {
      JsonNode input = operation.getValue().get("input");
      inputs.put(operation.getKey(), input == null ? "" : input.stringValue());
    }
    Map<String, Shape> shapes = new HashMap<>();
    for (Map.Entry<String, JsonNode> shape : root.get("shapes").properties()) {
      shapes.put(shape.getKey(), Shape.of(shape.getValue()));
    }
    return new ServiceModel(
        root.get("metadata").get("targetPrefix").stringValue(),
        Map.copyOf(inputs),
        Map.copyOf(shapes));
  }

  /**
   * Returns the prefix of {@code X-Amz-Target}, such as {@code
   * AmazonEC2ContainerRegistry_V20150921}.
   */
  String targetPrefix() {
    return targetPrefix;
  }

  /** Returns the names of every operation in the model. */
  Set<String> operations() {
    return new TreeSet<>(inputShapes.keySet());
  }

  /** Returns true when the model defines {@code operation}. */
  boolean hasOperation(String operation) {
    return inputShapes.containsKey(operation);
  }

  /**
   * Checks {@code input} against the input shape of {@code operation}.
   *
   * @throws AwsError at the first violation, in member order of the model
   */
  void validate(String operation, JsonNode input) {
    String shapeName = inputShapes.get(operation);
    if (shapeName == null || shapeName.isEmpty()) {
      return;
    }
    validateValue(shapes.get(shapeName), input, "");
  }

  private void validateValue(@Nullable Shape shape, JsonNode value, String path) {
    if (shape == null) {
      return;
    }
    switch (shape.type) {
      case "structure" -> validateStructure(shape, value, path);
      case "list" -> validateList(shape, value, path);
      case "map" -> validateMap(shape, value, path);
      case "string" -> validateString(shape, value, path);
      case "integer", "long" -> validateNumber(shape, value, path, true);
      case "double", "float", "timestamp" -> validateNumber(shape, value, path, false);
      case "boolean" -> expectType(value.isBoolean(), path, "a boolean");
      case "blob" -> validateBlob(shape, value, path);
      default -> {
        // Other types do not occur in ECR's models; accept them as they are.
      }
    }
  }

  private void validateStructure(Shape shape, JsonNode value, String path) {
    expectType(value.isObject(), path, "an object");
    for (String required : shape.required) {
      JsonNode member = value.get(required);
      if (member == null || member.isNull()) {
        throw AwsError.invalidParameter(join(path, required), "Member must not be null");
      }
    }
    for (Map.Entry<String, String> member : shape.members.entrySet()) {
      JsonNode memberValue = value.get(member.getKey());
      if (memberValue == null || memberValue.isNull()) {
        continue;
      }
      validateValue(shapes.get(member.getValue()), memberValue, join(path, member.getKey()));
    }
  }

  private void validateList(Shape shape, JsonNode value, String path) {
    expectType(value.isArray(), path, "an array");
    checkLength(shape, value.size(), path);
    Shape element = shape.member == null ? null : shapes.get(shape.member);
    int index = 1;
    for (JsonNode item : value) {
      if (item.isNull()) {
        throw AwsError.invalidParameter(path + "." + index + ".member", "Member must not be null");
      }
      validateValue(element, item, path + "." + index + ".member");
      index++;
    }
  }

  private void validateMap(Shape shape, JsonNode value, String path) {
    expectType(value.isObject(), path, "an object");
    checkLength(shape, value.size(), path);
    Shape valueShape = shape.value == null ? null : shapes.get(shape.value);
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      validateValue(valueShape, entry.getValue(), path + "." + entry.getKey());
    }
  }

  private void validateString(Shape shape, JsonNode value, String path) {
    expectType(value.isString(), path, "a string");
    String text = value.stringValue();
    if (!shape.enumValues.isEmpty() && !shape.enumValues.contains(text)) {
      throw AwsError.invalidParameter(
          path,
          "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues) + "]");
    }
    checkLength(shape, text.codePointCount(0, text.length()), path);
    if (shape.pattern != null && !shape.pattern.matcher(text).matches()) {
      throw AwsError.invalidParameter(
          path, "must satisfy regular expression '" + shape.pattern.pattern() + "'");
    }
  }

  private static void validateNumber(Shape shape, JsonNode value, String path, boolean integral) {
    expectType(integral ? value.isIntegralNumber() : value.isNumber(), path, "a number");
    if (shape.min != null && value.longValue() < shape.min) {
      throw AwsError.invalidParameter(
          path, "Member must have value greater than or equal to " + shape.min);
    }
    if (shape.max != null && value.longValue() > shape.max) {
      throw AwsError.invalidParameter(
          path, "Member must have value less than or equal to " + shape.max);
    }
  }

  private static void validateBlob(Shape shape, JsonNode value, String path) {
    expectType(value.isString(), path, "a base64 string");
    byte[] bytes;
    try {
      bytes = java.util.Base64.getDecoder().decode(value.stringValue());
    } catch (IllegalArgumentException e) {
      throw AwsError.serialization("The value at '" + path + "' is not valid base64.");
    }
    checkLength(shape, bytes.length, path);
  }

  private static void checkLength(Shape shape, long length, String path) {
    if (shape.min != null && length < shape.min) {
      throw AwsError.invalidParameter(
          path, "Member must have length greater than or equal to " + shape.min);
    }
    if (shape.max != null && length > shape.max) {
      throw AwsError.invalidParameter(
          path, "Member must have length less than or equal to " + shape.max);
    }
  }

  /**
   * Rejects a JSON type that the model does not allow.
   *
   * <p>NOTE: AWS answers a mistyped member with {@code SerializationException}; its exact message
   * has not been observed, so this one names the member and the expected type.
   */
  private static void expectType(boolean matches, String path, String expected) {
    if (!matches) {
      String where = path.isEmpty() ? "The request body" : "The value at '" + path + "'";
      throw AwsError.serialization(where + " must be " + expected + ".");
    }
  }

  private static String join(String path, String member) {
    return path.isEmpty() ? member : path + "." + member;
  }

  /** One shape of the model, reduced to what validation needs. */
  private static final class Shape {
    private final String type;
    private final Map<String, String> members;
    private final List<String> required;
    private final @Nullable String member;
    private final @Nullable String value;
    private final @Nullable Long min;
    private final @Nullable Long max;
    private final @Nullable Pattern pattern;
    private final List<String> enumValues;

    private Shape(
        String type,
        Map<String, String> members,
        List<String> required,
        @Nullable String member,
        @Nullable String value,
        @Nullable Long min,
        @Nullable Long max,
        @Nullable Pattern pattern,
        List<String> enumValues) {
      this.type = type;
      this.members = members;
      this.required = required;
      this.member = member;
      this.value = value;
      this.min = min;
      this.max = max;
      this.pattern = pattern;
      this.enumValues = enumValues;
    }

    static Shape of(JsonNode node) {
      Map<String, String> members = new java.util.LinkedHashMap<>();
      JsonNode membersNode = node.get("members");
      if (membersNode != null) {
        for (Map.Entry<String, JsonNode> entry : membersNode.properties()) {
          members.put(entry.getKey(), entry.getValue().get("shape").stringValue());
        }
      }
      return new Shape(
          node.get("type").stringValue(),
          members,
          Json.strings(node, "required"),
          reference(node, "member"),
          reference(node, "value"),
          node.has("min") ? node.get("min").longValue() : null,
          node.has("max") ? node.get("max").longValue() : null,
          compile(Json.text(node, "pattern")),
          Json.strings(node, "enum"));
    }

    private static @Nullable String reference(JsonNode node, String name) {
      JsonNode reference = node.get(name);
      return reference == null ? null : reference.get("shape").stringValue();
    }

    private static @Nullable Pattern compile(@Nullable String pattern) {
      if (pattern == null) {
        return null;
      }
      try {
        return Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        // A pattern in a syntax Java cannot compile is skipped rather than failing every request.
        return null;
      }
    }
  }
}
