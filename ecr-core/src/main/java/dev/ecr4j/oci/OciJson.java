package dev.ecr4j.oci;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes the JSON of manifests, indexes and configs. */
final class OciJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private OciJson() {}

  /**
   * Parses {@code bytes} as a JSON object.
   *
   * @throws IllegalArgumentException when the bytes are not a JSON object; {@code what} names the
   *     document in the message
   */
  static ObjectNode readObject(byte[] bytes, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!(node instanceof ObjectNode)) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    return (ObjectNode) node;
  }

  static byte[] write(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static @Nullable String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isString() ? value.asString() : null;
  }

  static String requireText(JsonNode node, String key, String what) {
    String value = text(node, key);
    if (value == null) {
      throw new IllegalArgumentException(what + " has no string field '" + key + "'");
    }
    return value;
  }

  static Map<String, String> stringMap(JsonNode node, String key) {
    JsonNode value = node.get(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (value != null && value.isObject()) {
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        if (entry.getValue().isString()) {
          map.put(entry.getKey(), entry.getValue().asString());
        }
      }
    }
    return map;
  }

  /** Parses a descriptor object. {@code what} names the object in error messages. */
  static Descriptor descriptor(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " is not a descriptor object");
    }
    String mediaType = requireText(node, "mediaType", what);
    Digest digest = Digest.parse(requireText(node, "digest", what));
    JsonNode size = node.get("size");
    if (size == null || !size.isIntegralNumber()) {
      throw new IllegalArgumentException(what + " has no integer field 'size'");
    }
    Platform platform = null;
    JsonNode platformNode = node.get("platform");
    if (platformNode != null && platformNode.isObject()) {
      platform =
          new Platform(
              requireText(platformNode, "os", what + ".platform"),
              requireText(platformNode, "architecture", what + ".platform"),
              text(platformNode, "variant"));
    }
    return new Descriptor(
        mediaType,
        digest,
        size.asLong(),
        stringMap(node, "annotations"),
        platform,
        text(node, "artifactType"));
  }

  /** Renders a descriptor with the OCI field order. */
  static ObjectNode descriptor(Descriptor descriptor) {
    ObjectNode node = object();
    node.put("mediaType", descriptor.mediaType());
    node.put("digest", descriptor.digest().toString());
    node.put("size", descriptor.size());
    if (descriptor.artifactType() != null) {
      node.put("artifactType", descriptor.artifactType());
    }
    putAnnotations(node, descriptor.annotations());
    Platform platform = descriptor.platform();
    if (platform != null) {
      ObjectNode platformNode = node.putObject("platform");
      platformNode.put("architecture", platform.architecture());
      platformNode.put("os", platform.os());
      if (platform.variant() != null) {
        platformNode.put("variant", platform.variant());
      }
    }
    return node;
  }

  static void putAnnotations(ObjectNode node, Map<String, String> annotations) {
    if (!annotations.isEmpty()) {
      ObjectNode annotationsNode = node.putObject("annotations");
      annotations.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(entry -> annotationsNode.put(entry.getKey(), entry.getValue()));
    }
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }
}
