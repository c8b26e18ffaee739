package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.internal.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the images of one repository from what {@code aws ecr describe-images --output json}
 * prints: {@code {"imageDetails": [...], "nextToken": ...}}, or a bare array of image details.
 *
 * <p>Each image detail needs {@code imageDigest} and {@code imagePushedAt}. The optional fields
 * read are {@code imageTags}, {@code lastRecordedPullTime}, {@code imageStatus} ({@code ACTIVE},
 * {@code ARCHIVED} or {@code ACTIVATING}, and {@code ACTIVE} when absent), {@code lastArchivedAt},
 * {@code lastActivatedAt} and {@code subjectManifestDigest}, plus one field that ECR's {@code
 * ImageDetail} does not have: {@code manifestListDigests}, the digests of the manifest lists that
 * reference the image. A JSON {@code null} counts as absent for optional fields. Other fields are
 * ignored.
 *
 * <p>Timestamps are ISO-8601 strings with a UTC offset, as the AWS CLI prints them ({@code
 * 2026-11-01T10:00:00+00:00}, with or without fractional seconds, or with a space instead of the
 * {@code T}), or epoch seconds as JSON numbers, as the ECR API sends them. Timestamps before 1970
 * or after the year 9999 are rejected, because ECR's timestamps are later than its launch in 2015.
 *
 * <p>The input is read as a stream, one image detail at a time, so the memory needed grows with the
 * number of images, not with the size of the text. Every problem found is reported in one {@link
 * InvalidImagesException}. Malformed JSON stops the reading where it occurs.
 */
public final class DescribeImagesJson {

  /** Problems beyond this many are counted but not spelled out, to keep the message readable. */
  static final int MAX_LISTED_PROBLEMS = 1_000;

  /** Epoch seconds above this (year 5138) are almost surely epoch milliseconds. */
  static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

  /** The first instant accepted: 1970-01-01T00:00:00Z, so epoch seconds are never negative. */
  static final Instant MIN_TIMESTAMP = Instant.EPOCH;

  /**
   * The first instant rejected: the start of the year 10000, which ISO-8601 can write only with a
   * sign and more than four digits. Instants near {@link Instant#MAX} would overflow the
   * evaluator's arithmetic.
   */
  static final Instant MAX_TIMESTAMP_EXCLUSIVE =
      LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private static final String TIMESTAMP_FORMS =
      "ISO-8601 such as 2026-11-01T10:00:00Z or epoch seconds";

  private static final String OUT_OF_RANGE_FIX =
      "ECR's timestamps are later than its launch in 2015, so use the time that ECR lists, as "
          + TIMESTAMP_FORMS;

  /** OCI's digest grammar: {@code algorithm ":" encoded}. */
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  private static final String DIGEST_EXAMPLE = "sha256:" + "0123456789abcdef".repeat(4);

  /**
   * The shared policy mapper, reading fractional epoch seconds as exact decimals instead of doubles
   * and leaving the caller's stream open.
   */
  private static final JsonMapper MAPPER =
      PolicyJson.mapper()
          .rebuild()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private DescribeImagesJson() {}

  /**
   * The images of one {@code describe-images} listing, with the repository they belong to.
   *
   * @param images the images, in the order of the listing
   * @param registryId the {@code registryId} that the images carry, or {@code null} when none
   *     carries one
   * @param repositoryName the {@code repositoryName} that the images carry, or {@code null} when
   *     none carries one
   * @param nextToken the pagination token of the listing, or {@code null}. When present, the
   *     listing is one page of a longer one, and a preview of it ranks only the images of that
   *     page.
   */
  public record Result(
      List<LifecycleImage> images,
      @Nullable String registryId,
      @Nullable String repositoryName,
      @Nullable String nextToken) {

    public Result {
      images = List.copyOf(images);
    }

    /** Returns the registry ID shared by the images, if they carry one. */
    public Optional<String> registry() {
      return Optional.ofNullable(registryId);
    }

    /** Returns the repository name shared by the images, if they carry one. */
    public Optional<String> repository() {
      return Optional.ofNullable(repositoryName);
    }

    /** Returns true when the listing is one page of a longer one. */
    public boolean isTruncated() {
      return nextToken != null;
    }
  }

  /**
   * Thrown when the input is not a readable {@code describe-images} listing. The message has a
   * header line and then one line per problem, each naming the image, the field, the value and the
   * fix.
   */
  public static final class InvalidImagesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf returns a serializable list of strings.
    private final List<String> problems;

    private final int problemCount;

    InvalidImagesException(List<String> problems, int problemCount) {
      super(format(problems, problemCount));
      this.problems = List.copyOf(problems);
      this.problemCount = problemCount;
    }

    /** Returns the problems in input order, at most {@value #MAX_LISTED_PROBLEMS} of them. */
    public List<String> problems() {
      return problems;
    }

    /** Returns how many problems were found, including those not listed. */
    public int problemCount() {
      return problemCount;
    }

    private static String format(List<String> problems, int problemCount) {
      StringBuilder message = new StringBuilder();
      message
          .append("describe-images JSON is invalid (")
          .append(problemCount)
          .append(problemCount == 1 ? " problem" : " problems")
          .append("):");
      for (String problem : problems) {
        message.append(System.lineSeparator()).append("  - ").append(problem);
      }
      if (problemCount > problems.size()) {
        message
            .append(System.lineSeparator())
            .append("  - ... and ")
            .append(problemCount - problems.size())
            .append(" more");
      }
      return message.toString();
    }
  }

  /**
   * Reads the images of a {@code describe-images} listing.
   *
   * @throws InvalidImagesException listing every problem found
   */
  public static List<LifecycleImage> read(String json) {
    return parse(json).images();
  }

  /**
   * Reads a {@code describe-images} listing with the repository it describes.
   *
   * @throws InvalidImagesException listing every problem found
   */
  public static Result parse(String json) {
    if (json.isBlank()) {
      throw emptyDocument();
    }
    try (JsonParser parser = MAPPER.createParser(json)) {
      return new Reading(parser).readDocument();
    }
  }

  /**
   * Reads a {@code describe-images} listing from a stream of UTF-8 JSON, one image detail at a
   * time. The stream is not closed. Jackson also detects UTF-16 and UTF-32 in a stream and reads
   * them, so callers that require UTF-8, such as the {@code ecr4j} command line, check the first
   * bytes themselves.
   *
   * @throws InvalidImagesException listing every problem found, where invalid UTF-8 counts as
   *     malformed JSON
   * @throws IOException when reading the stream fails
   */
  public static Result parse(InputStream json) throws IOException {
    try (JsonParser parser = MAPPER.createParser(json)) {
      return new Reading(parser).readDocument();
    } catch (JacksonIOException e) {
      throw e.getCause();
    }
  }

  private static InvalidImagesException emptyDocument() {
    return new InvalidImagesException(
        List.of("the document is empty; pass the output of aws ecr describe-images --output json"),
        1);
  }

  /** The state of reading one document: the images so far and every problem found. */
  private static final class Reading {
    private final JsonParser parser;
    private final List<LifecycleImage> images = new ArrayList<>();
    private final Map<String, Integer> indexByDigest = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private final SharedValue registryId = new SharedValue("registryId");
    private final SharedValue repositoryName = new SharedValue("repositoryName");
    private @Nullable String nextToken;
    private String arrayPath = "imageDetails";

    Reading(JsonParser parser) {
      this.parser = parser;
    }

    Result readDocument() {
      try {
        readRoot();
      } catch (JacksonIOException e) {
        throw e; // an I/O failure, not a problem of the document
      } catch (JacksonException e) {
        problem(malformed(e));
      }
      if (problemCount > 0) {
        throw new InvalidImagesException(problems, problemCount);
      }
      return new Result(images, registryId.value(), repositoryName.value(), nextToken);
    }

    private void readRoot() {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw emptyDocument();
      }
      if (first == JsonToken.START_ARRAY) {
        arrayPath = "";
        readImageArray();
      } else if (first == JsonToken.START_OBJECT) {
        readListingObject();
      } else {
        JsonNode value = parser.readValueAsTree();
        problem(
            "the document is "
                + PolicyJson.typeName(value)
                + " ("
                + PolicyJson.shortText(value)
                + "), not a describe-images listing; pass the output of aws ecr describe-images"
                + " --output json, an object with an \"imageDetails\" array");
      }
      if (parser.nextToken() != null) {
        problem(
            "unexpected content after the end of the JSON document at "
                + where(parser.currentTokenLocation())
                + "; pass one describe-images listing per file, as pages are not merged");
      }
    }

    private void readListingObject() {
      boolean sawImageDetails = false;
      boolean sawImageIds = false;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "imageDetails" -> {
            sawImageDetails = true;
            if (value == JsonToken.START_ARRAY) {
              readImageArray();
            } else {
              JsonNode node = parser.readValueAsTree();
              problem(
                  "imageDetails: expected an array of image details, but it is "
                      + PolicyJson.typeName(node)
                      + "; pass the output of aws ecr describe-images --output json unchanged");
            }
          }
          case "nextToken", "NextToken" -> {
            // The API pages with nextToken, and the AWS CLI prints NextToken when --max-items
            // cuts its own pagination short.
            JsonNode node = parser.readValueAsTree();
            if (node.isString()) {
              nextToken = node.stringValue();
            }
          }
          case "imageIds" -> {
            sawImageIds = true;
            parser.skipChildren();
          }
          default -> parser.skipChildren();
        }
      }
      if (!sawImageDetails) {
        problem(
            sawImageIds
                ? "imageDetails: missing, and the document has \"imageIds\", so it looks like the"
                    + " output of aws ecr list-images, which has no push times; use aws ecr"
                    + " describe-images --output json instead"
                : "imageDetails: missing; pass the output of aws ecr describe-images --output"
                    + " json, an object with an \"imageDetails\" array");
      }
    }

    private void readImageArray() {
      int index = 0;
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          problem(
              "malformed JSON: the document ends inside the image array; pass the complete output");
          return;
        }
        TokenStreamLocation start = parser.currentTokenLocation();
        JsonNode node = parser.readValueAsTree();
        readImage(node, index, start);
        index++;
      }
    }

    private void readImage(JsonNode node, int index, TokenStreamLocation start) {
      String path = arrayPath + "[" + index + "]";
      if (!node.isObject()) {
        problem(
            path
                + " (line "
                + start.getLineNr()
                + "): expected an object (an image detail), but it is "
                + PolicyJson.typeName(node)
                + " ("
                + PolicyJson.shortText(node)
                + "); list the images as objects such as {\"imageDigest\": \"sha256:...\","
                + " \"imagePushedAt\": \"2026-11-01T10:00:00Z\"}");
        return;
      }
      ImageContext image = new ImageContext(path, node, start.getLineNr());
      int problemsBefore = problemCount;

      String digest = image.readDigest();
      List<String> tags = image.readTags();
      Instant pushedAt = image.readTimestamp("imagePushedAt", true);
      Instant lastPulled = image.readTimestamp("lastRecordedPullTime", false);
      ImageStatus status = image.readStatus();
      Instant lastArchivedAt = image.readTimestamp("lastArchivedAt", false);
      Instant lastActivatedAt = image.readTimestamp("lastActivatedAt", false);
      List<String> manifestLists = image.readManifestListDigests(digest);
      String subject = image.readOptionalDigest("subjectManifestDigest");
      registryId.accept(image, node.get("registryId"));
      repositoryName.accept(image, node.get("repositoryName"));

      if (digest != null) {
        Integer first = indexByDigest.putIfAbsent(digest, index);
        if (first != null) {
          image.problem(
              "imageDigest",
              "duplicate of "
                  + arrayPath
                  + "["
                  + first
                  + "]; each image must appear once, so remove one of the two entries");
        }
      }
      if (problemCount > problemsBefore || digest == null || pushedAt == null) {
        return;
      }
      images.add(
          new LifecycleImage(
              digest,
              tags,
              pushedAt,
              lastPulled,
              status,
              lastArchivedAt,
              lastActivatedAt,
              manifestLists,
              subject));
    }

    private void problem(String text) {
      problemCount++;
      if (problems.size() < MAX_LISTED_PROBLEMS) {
        problems.add(text);
      }
    }

    private static String malformed(JacksonException e) {
      // A size limit is not a syntax error, and no output of describe-images comes near one.
      String fix =
          e instanceof StreamConstraintsException
              ? "; pass the unchanged output of aws ecr describe-images --output json"
              : "; correct the syntax, or pass the unchanged output of aws ecr describe-images"
                  + " --output json";
      return PolicyJson.describe(e) + fix;
    }

    private static String where(TokenStreamLocation location) {
      return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** One image detail being read; its problems are prefixed with its position and digest. */
    private final class ImageContext {
      private final String path;
      private final JsonNode node;
      private final int line;

      ImageContext(String path, JsonNode node, int line) {
        this.path = path;
        this.node = node;
        this.line = line;
      }

      @Nullable String readDigest() {
        JsonNode value = node.get("imageDigest");
        if (value == null || value.isNull()) {
          problem(
              "imageDigest",
              "missing; add the image's manifest digest as ECR lists it, such as "
                  + DIGEST_EXAMPLE);
          return null;
        }
        return checkDigest("imageDigest", value);
      }

      @Nullable String readOptionalDigest(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
          return null;
        }
        return checkDigest(field, value);
      }

      private @Nullable String checkDigest(String field, JsonNode value) {
        if (!value.isString()) {
          problem(field, wrongType(value, "a digest string such as " + DIGEST_EXAMPLE));
          return null;
        }
        String text = value.stringValue();
        boolean valid =
            DIGEST.matcher(text).matches()
                && (!text.startsWith("sha256:") || SHA256_DIGEST.matcher(text).matches());
        if (!valid) {
          problem(
              field,
              PolicyJson.shortText(value)
                  + " is not a digest; use the manifest digest as ECR lists it, \"sha256:\""
                  + " followed by 64 lowercase hex digits, such as "
                  + DIGEST_EXAMPLE);
          return null;
        }
        return text;
      }

      List<String> readTags() {
        JsonNode value = node.get("imageTags");
        if (value == null || value.isNull()) {
          return List.of();
        }
        if (!value.isArray()) {
          String fix =
              value.isString()
                  ? "write it as a list: [" + PolicyJson.shortText(value) + "]"
                  : "write the tags as a list of strings, or leave the field out for an untagged"
                      + " image";
          problem("imageTags", wrongType(value, "an array of strings") + "; " + fix);
          return List.of();
        }
        List<String> tags = new ArrayList<>(value.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
          JsonNode tag = value.get(i);
          String field = "imageTags[" + i + "]";
          if (!tag.isString()) {
            problem(field, wrongType(tag, "a string") + "; quote the tag");
          } else if (tag.stringValue().isEmpty()) {
            problem(field, "the tag is empty; remove it, since ECR has no empty tags");
          } else if (!seen.add(tag.stringValue())) {
            problem(
                field,
                PolicyJson.shortText(tag)
                    + " is listed twice; remove the repeated tag, since ECR lists each tag once");
          } else {
            tags.add(tag.stringValue());
          }
        }
        return tags;
      }

      @Nullable Instant readTimestamp(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
          if (required) {
            problem(field, "missing; add when the image was pushed, as " + TIMESTAMP_FORMS);
          }
          return null;
        }
        if (value.isNumber()) {
          return epochSeconds(field, value);
        }
        if (!value.isString()) {
          problem(field, wrongType(value, "a timestamp") + "; use " + TIMESTAMP_FORMS);
          return null;
        }
        String text = value.stringValue();
        // Python's str(datetime), which boto3 scripts often print, puts a space before the time.
        String iso =
            text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        Instant instant;
        try {
          instant = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notWithOffset) {
          problem(field, timestampProblem(value, iso));
          return null;
        }
        if (instant.isBefore(MIN_TIMESTAMP)) {
          problem(field, PolicyJson.shortText(value) + " is before 1970; " + OUT_OF_RANGE_FIX);
          return null;
        }
        if (!instant.isBefore(MAX_TIMESTAMP_EXCLUSIVE)) {
          problem(
              field, PolicyJson.shortText(value) + " is after the year 9999; " + OUT_OF_RANGE_FIX);
          return null;
        }
        return instant;
      }

      private @Nullable Instant epochSeconds(String field, JsonNode value) {
        BigDecimal seconds = value.decimalValue();
        if (seconds.signum() < 0) {
          problem(
              field,
              PolicyJson.shortText(value)
                  + " is a negative number of epoch seconds, so it is before 1970; "
                  + OUT_OF_RANGE_FIX);
          return null;
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
          problem(
              field,
              PolicyJson.shortText(value)
                  + " is too large for epoch seconds; if it is in milliseconds, divide it by 1000,"
                  + " or use ISO-8601 such as 2026-11-01T10:00:00Z");
          return null;
        }
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long nanos =
            seconds
                .subtract(BigDecimal.valueOf(whole))
                .movePointRight(9)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return Instant.ofEpochSecond(whole, nanos);
      }

      private String timestampProblem(JsonNode value, String iso) {
        String valueText = PolicyJson.shortText(value);
        try {
          LocalDateTime.parse(iso);
          return valueText
              + " has no UTC offset, so the instant is ambiguous; append Z for UTC or an offset"
              + " such as +00:00";
        } catch (DateTimeParseException notLocal) {
          return valueText + " is not a timestamp; use " + TIMESTAMP_FORMS;
        }
      }

      ImageStatus readStatus() {
        JsonNode value = node.get("imageStatus");
        if (value == null || value.isNull()) {
          return ImageStatus.ACTIVE;
        }
        if (value.isString()) {
          for (ImageStatus status : ImageStatus.values()) {
            if (status.name().equals(value.stringValue())) {
              return status;
            }
          }
        }
        String fix =
            "use ACTIVE, ARCHIVED or ACTIVATING, in upper case as ECR writes them, or leave the"
                + " field out for an active image";
        problem(
            "imageStatus",
            value.isString()
                ? PolicyJson.shortText(value) + " is not an image status; " + fix
                : wrongType(value, "a string") + "; " + fix);
        return ImageStatus.ACTIVE;
      }

      List<String> readManifestListDigests(@Nullable String ownDigest) {
        JsonNode value = node.get("manifestListDigests");
        if (value == null || value.isNull()) {
          return List.of();
        }
        if (!value.isArray()) {
          problem(
              "manifestListDigests",
              wrongType(value, "an array of digests")
                  + "; write the digests of the manifest lists that reference this image as a"
                  + " list, such as [\""
                  + DIGEST_EXAMPLE
                  + "\"]");
          return List.of();
        }
        List<String> digests = new ArrayList<>(value.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
          String field = "manifestListDigests[" + i + "]";
          String digest = checkDigest(field, value.get(i));
          if (digest == null) {
            continue;
          }
          if (digest.equals(ownDigest)) {
            problem(
                field,
                "is the image's own digest; list only the manifest lists that reference this"
                    + " image");
          } else if (seen.add(digest)) {
            digests.add(digest);
          }
        }
        return digests;
      }

      void problem(String field, String text) {
        Reading.this.problem(path + " (" + identity() + ") " + field + ": " + text);
      }

      private String identity() {
        JsonNode digest = node.get("imageDigest");
        String digestLabel =
            digest != null && digest.isString()
                ? LifecyclePreview.shortDigest(digest.stringValue())
                : "no imageDigest";
        return digestLabel + ", line " + line;
      }

      private String wrongType(JsonNode value, String expected) {
        return "expected "
            + expected
            + ", but it is "
            + PolicyJson.typeName(value)
            + " ("
            + PolicyJson.shortText(value)
            + ")";
      }
    }

    /**
     * A field such as {@code repositoryName} that every image of one listing must share: a
     * lifecycle policy applies to one repository, so a mixed listing would give a wrong preview.
     */
    private final class SharedValue {
      private final String field;
      private @Nullable String value;
      private @Nullable String firstPath;
      private boolean conflictReported;

      SharedValue(String field) {
        this.field = field;
      }

      void accept(ImageContext image, @Nullable JsonNode node) {
        if (node == null || !node.isString()) {
          return;
        }
        String text = node.stringValue();
        if (value == null) {
          value = text;
          firstPath = image.path;
        } else if (!value.equals(text) && !conflictReported) {
          conflictReported = true;
          image.problem(
              field,
              PolicyJson.shortText(node)
                  + " differs from \""
                  + value
                  + "\" in "
                  + firstPath
                  + "; a lifecycle policy applies to one repository, so pass the images of one"
                  + " repository only");
        }
      }

      @Nullable String value() {
        return value;
      }
    }
  }
}
