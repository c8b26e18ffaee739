package dev.ecr4j.testkit.emulator.internal;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes JSON trees with Jackson's streaming parser and generator instead of an {@code
 * ObjectMapper}. Building the first mapper of a JVM took 200 to 300 ms with Jackson 3.3.0 on Java
 * 17 on a 2-core machine, against about 45 ms for the streaming classes, and that set-up was most
 * of the emulator's time to its first served request.
 */
final class JsonTrees {

  /** Rejects duplicate keys, which AWS's JSON parsers reject too. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * Parses {@code text} as one JSON value.
   *
   * @return the tree, or {@code null} when the text holds no value
   * @throws tools.jackson.core.JacksonException when the text is not well-formed JSON or has
   *     content after the value
   */
  static @Nullable JsonNode parse(String text) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      JsonNode root = read(parser, first);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new tools.jackson.core.exc.StreamReadException(
            parser, "Unexpected content after the JSON value: " + trailing);
      }
      return root;
    }
  }

  private static JsonNode read(JsonParser parser, JsonToken token) {
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_OBJECT;
            next = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, read(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getString());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new tools.jackson.core.exc.StreamReadException(
            parser, "Unexpected JSON token " + token);
    }
  }

  /** Renders {@code node} minified; decimals are written without an exponent. */
  static String write(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(generator, node);
    }
    return out.toString();
  }

  private static void write(JsonGenerator generator, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        generator.writeStartObject();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
          generator.writeName(property.getKey());
          write(generator, property.getValue());
        }
        generator.writeEndObject();
        break;
      case ARRAY:
        generator.writeStartArray();
        for (JsonNode element : node) {
          write(generator, element);
        }
        generator.writeEndArray();
        break;
      case STRING:
        generator.writeString(node.stringValue());
        break;
      case NUMBER:
        writeNumber(generator, node);
        break;
      case BOOLEAN:
        generator.writeBoolean(node.booleanValue());
        break;
      case BINARY:
        generator.writeBinary(node.binaryValue());
        break;
      default:
        generator.writeNull();
        break;
    }
  }

  private static void writeNumber(JsonGenerator generator, JsonNode node) {
    switch (node.numberType()) {
      case INT:
        generator.writeNumber(node.intValue());
        break;
      case LONG:
        generator.writeNumber(node.longValue());
        break;
      case BIG_INTEGER:
        generator.writeNumber(node.bigIntegerValue());
        break;
      case BIG_DECIMAL:
        BigDecimal decimal = node.decimalValue();
        generator.writeNumber(decimal.toPlainString());
        break;
      default:
        generator.writeNumber(node.doubleValue());
        break;
    }
  }
}
