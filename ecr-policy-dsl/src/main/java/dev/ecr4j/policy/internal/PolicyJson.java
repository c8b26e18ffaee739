package dev.ecr4j.policy.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the policy packages, with the helpers that turn Jackson's view of a
 * document into messages about policies.
 */
public final class PolicyJson {

  /**
   * Rejects duplicate keys and trailing content: ECR's parser would reject or misread both, and a
   * duplicate key in a hand-written policy is almost always an editing mistake.
   */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private PolicyJson() {}

  /** Returns the shared mapper. It is immutable and thread-safe. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Creates an empty object node whose keys keep their insertion order. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Renders {@code node} minified, as ECR stores and returns policies. */
  public static String minified(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Renders {@code node} indented by two spaces, for people. */
  public static String pretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  /**
   * Parses {@code text} into a tree.
   *
   * @throws MalformedJsonException with the line, column and Jackson's reason when the text is not
   *     one well-formed JSON value
   */
  public static JsonNode readTree(String text) {
    if (text.isBlank()) {
      throw new MalformedJsonException("the document is empty");
    }
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new MalformedJsonException(describe(e));
    }
  }

  /**
   * Describes why Jackson could not read a document, in plain words and with the line and column,
   * without Jackson's class and feature names, which mean nothing to the author of a policy.
   */
  public static String describe(JacksonException e) {
    var location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 0
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    String reason = firstLine(e.getOriginalMessage());

    if (e instanceof StreamConstraintsException) {
      return "the document exceeds a size limit" + where + ": " + plainConstraint(reason);
    }
    if (reason.startsWith("Trailing token")) {
      return "unexpected content after the end of the JSON document" + where;
    }
    if (reason.contains("ALLOW_COMMENTS")) {
      return "comments are not allowed in JSON" + where;
    }
    if (reason.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
      return "NaN and Infinity are not JSON numbers" + where;
    }
    if (reason.startsWith("Duplicate Object property")) {
      return "duplicate key" + where + ": " + reason.substring(reason.indexOf('"'));
    }
    return "malformed JSON" + where + ": " + stripJacksonNames(reason);
  }

  private static String plainConstraint(String reason) {
    if (reason.contains("getMaxNestingDepth")) {
      return "objects and arrays nested too deeply (" + leadingNumbers(reason) + ")";
    }
    if (reason.contains("getMaxNumberLength")) {
      return "a number has too many digits (" + leadingNumbers(reason) + ")";
    }
    if (reason.contains("getMaxStringLength")) {
      return "a string is too long (" + leadingNumbers(reason) + ")";
    }
    return stripJacksonNames(reason);
  }

  /** Keeps the "(N) exceeds the maximum allowed (M" part of a constraint message. */
  private static String leadingNumbers(String reason) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\\(([0-9]+)\\)[^(]*\\(([0-9]+)").matcher(reason);
    return matcher.find()
        ? matcher.group(1) + ", the maximum is " + matcher.group(2)
        : "the maximum was exceeded";
  }

  /** Removes backquoted Jackson identifiers such as {@code `JsonToken.START_OBJECT`}. */
  private static String stripJacksonNames(String reason) {
    String plain = reason.replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "");
    plain = plain.replaceAll("`([A-Za-z]+\\.)+([A-Za-z_]+)`", "$2");
    return plain.strip();
  }

  /** Describes the JSON type of {@code node} in the words of the JSON specification. */
  public static String typeName(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a decimal number";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** Renders a scalar node for a message, shortened to 60 characters. */
  public static String shortText(JsonNode node) {
    String text = minified(node);
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /**
   * Returns the known name closest to {@code unknown} when it is a likely misspelling: a different
   * case, or an edit distance of at most two.
   */
  public static Optional<String> closest(String unknown, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      if (candidate.equalsIgnoreCase(unknown)) {
        return Optional.of(candidate);
      }
      int distance = editDistance(unknown, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= 2 ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Returns the Levenshtein distance between two strings. */
  static int editDistance(String a, String b) {
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

  /** Keeps the first line of Jackson's message, without its note about the redacted source. */
  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "unreadable input";
    }
    String line = text;
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline);
    }
    int marker = line.indexOf(" (start marker at");
    if (marker >= 0) {
      line = line.substring(0, marker);
    }
    return line.strip();
  }

  /** Thrown by {@link #readTree} for text that is not well-formed JSON. */
  public static final class MalformedJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message) {
      super(message);
    }
  }
}
