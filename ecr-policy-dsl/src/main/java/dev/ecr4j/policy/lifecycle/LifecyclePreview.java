package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.internal.PolicyJson;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;

/**
 * The result of evaluating a lifecycle policy locally: for every image, whether one lifecycle run
 * expires it, archives it or keeps it, under which rule, and why.
 *
 * <p>{@link #toJson()} renders the result in the shape of ECR's {@code GetLifecyclePolicyPreview}
 * response, listing only the images acted on. Instances are immutable.
 */
public final class LifecyclePreview {

  static final byte KEEP = 0;
  static final byte EXPIRE = 1;
  static final byte TRANSITION = 2;

  static final byte KEEP_EVALUATED = 0;
  static final byte KEEP_ACTIVATING = 1;
  static final byte KEEP_MANIFEST_LIST_CHILD = 2;
  static final byte KEEP_FOLLOWS_SUBJECT = 3;

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final List<LifecycleRule> rules;
  private final List<LifecycleImage> images;
  private final Instant now;
  private final State state;

  LifecyclePreview(
      List<LifecycleRule> rules, List<LifecycleImage> images, Instant now, State state) {
    this.rules = rules;
    this.images = images;
    this.now = now;
    this.state = state;
  }

  /** Returns the time the policy was evaluated at. */
  public Instant evaluatedAt() {
    return now;
  }

  /** Returns the decision for every image, in input order. */
  public List<ImageDecision> decisions() {
    List<ImageDecision> decisions = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      decisions.add(decision(i));
    }
    return decisions;
  }

  /** Returns the decisions for the images that are expired or archived, in input order. */
  public List<ImageDecision> actions() {
    List<ImageDecision> actions = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      if (state.outcome[i] != KEEP) {
        actions.add(decision(i));
      }
    }
    return actions;
  }

  /** Returns the digests of the images that are expired, in input order. */
  public List<String> expiredDigests() {
    return digestsWith(EXPIRE);
  }

  /** Returns the digests of the images that are archived, in input order. */
  public List<String> transitionedDigests() {
    return digestsWith(TRANSITION);
  }

  /** Returns how many images are expired. */
  public int expiringImageCount() {
    return count(EXPIRE);
  }

  /** Returns how many images are archived. */
  public int transitioningImageCount() {
    return count(TRANSITION);
  }

  /**
   * Renders the result as ECR's {@code GetLifecyclePolicyPreview} response with status {@code
   * COMPLETE}: {@code previewResults} lists only the images acted on, and timestamps are ISO-8601
   * in UTC, as the AWS CLI prints them.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    writeJson(out, null, null);
    return out.toString();
  }

  /**
   * Writes the document {@link #toJson()} returns to {@code out} as it goes, without building it in
   * memory first, which matters for a preview of a million images. When given, {@code registryId}
   * and {@code repositoryName} come first, where ECR's response has them. {@code out} stays open.
   *
   * @throws UncheckedIOException when writing to {@code out} fails
   */
  public void writeJson(Writer out, @Nullable String registryId, @Nullable String repositoryName) {
    try (JsonGenerator json =
        PolicyJson.mapper()
            .writerWithDefaultPrettyPrinter()
            .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .createGenerator(out)) {
      json.writeStartObject();
      if (registryId != null) {
        json.writeStringProperty("registryId", registryId);
      }
      if (repositoryName != null) {
        json.writeStringProperty("repositoryName", repositoryName);
      }
      json.writeStringProperty("lifecyclePolicyText", LifecyclePolicy.of(rules).toJson());
      json.writeStringProperty("status", "COMPLETE");

      json.writeArrayPropertyStart("previewResults");
      for (int i = 0; i < images.size(); i++) {
        if (state.outcome[i] != KEEP) {
          writeResult(json, i);
        }
      }
      json.writeEndArray();

      json.writeObjectPropertyStart("summary");
      json.writeNumberProperty("expiringImageTotalCount", expiringImageCount());
      int transitioning = transitioningImageCount();
      if (transitioning > 0) {
        json.writeArrayPropertyStart("transitioningImageTotalCounts");
        json.writeStartObject();
        json.writeStringProperty("targetStorageClass", "ARCHIVE");
        json.writeNumberProperty("imageTotalCount", transitioning);
        json.writeEndObject();
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (JacksonIOException e) {
      throw new UncheckedIOException(e.getCause());
    }
  }

  private void writeResult(JsonGenerator json, int i) {
    LifecycleImage image = images.get(i);
    json.writeStartObject();
    if (!image.tags().isEmpty()) {
      json.writeArrayPropertyStart("imageTags");
      for (String tag : image.tags()) {
        json.writeString(tag);
      }
      json.writeEndArray();
    }
    json.writeStringProperty("imageDigest", image.digest());
    json.writeStringProperty("imagePushedAt", timestamp(image.pushedAt()));
    json.writeObjectPropertyStart("action");
    json.writeStringProperty("type", state.outcome[i] == EXPIRE ? "EXPIRE" : "TRANSITION");
    if (state.outcome[i] == TRANSITION) {
      json.writeStringProperty("targetStorageClass", "ARCHIVE");
    }
    json.writeEndObject();
    json.writeNumberProperty("appliedRulePriority", rules.get(actingRule(i)).rulePriority());
    json.writeStringProperty(
        "storageClass", image.status() == ImageStatus.ARCHIVED ? "ARCHIVE" : "STANDARD");
    json.writeEndObject();
  }

  private ImageDecision decision(int i) {
    LifecycleImage image = images.get(i);
    byte outcome = state.outcome[i];
    ImageDecision.Outcome publicOutcome =
        switch (outcome) {
          case EXPIRE -> ImageDecision.Outcome.EXPIRE;
          case TRANSITION -> ImageDecision.Outcome.TRANSITION;
          default -> ImageDecision.Outcome.KEEP;
        };
    int ruleIndex = actingRule(i);
    LifecycleRule rule = ruleIndex < 0 ? null : rules.get(ruleIndex);
    return new ImageDecision(image, publicOutcome, rule, reason(i, rule));
  }

  /** Returns the rule that decides image {@code i}; for a referrer, its subject's rule. */
  private int actingRule(int i) {
    int current = i;
    for (int depth = 0; depth <= 64; depth++) {
      if (state.keepReason[current] != KEEP_FOLLOWS_SUBJECT) {
        return state.claimedBy[current];
      }
      current = state.related[current];
    }
    return -1;
  }

  private String reason(int i, @Nullable LifecycleRule rule) {
    LifecycleImage image = images.get(i);
    switch (state.keepReason[i]) {
      case KEEP_ACTIVATING:
        return "being restored from the archive (ACTIVATING), which lifecycle rules skip";
      case KEEP_MANIFEST_LIST_CHILD:
        return manifestListChildReason(i);
      case KEEP_FOLLOWS_SUBJECT:
        String subject = shortDigest(images.get(state.related[i]).digest());
        return switch (state.outcome[i]) {
          case EXPIRE -> "referrer of " + subject + ", which is expired with it";
          case TRANSITION -> "referrer of " + subject + ", which is archived with it";
          default -> "referrer of " + subject + ", which is kept";
        };
      default:
        break;
    }
    if (rule == null) {
      return image.status() == ImageStatus.ARCHIVED
          ? "no rule of storage class archive selects it"
          : "no rule selects it";
    }
    String criterion = criterion(i, rule);
    if (state.outcome[i] == EXPIRE) {
      return "expired by rule " + rule.rulePriority() + ": " + criterion;
    }
    if (state.outcome[i] == TRANSITION) {
      return "archived by rule " + rule.rulePriority() + ": " + criterion;
    }
    if (state.protectedFrom[i] >= 0) {
      return "kept: rule "
          + rule.rulePriority()
          + " selects it ("
          + criterion
          + "), which protects it from rule "
          + rules.get(state.protectedFrom[i]).rulePriority();
    }
    return "kept by rule " + rule.rulePriority() + ": " + criterion;
  }

  private String manifestListChildReason(int i) {
    int list = state.related[i];
    String prefix = "referenced by manifest list " + shortDigest(images.get(list).digest());
    if (state.outcome[list] == EXPIRE) {
      return prefix + ", which this run expires; the image is eligible from the next run on";
    }
    if (state.outcome[list] == TRANSITION && images.get(i).status() != ImageStatus.ARCHIVED) {
      return prefix + ", which this run archives; the image is eligible from the next run on";
    }
    return images.get(i).status() == ImageStatus.ARCHIVED
        ? prefix + ", which remains; eligible once the list is deleted"
        : prefix + ", which remains; eligible once the list is deleted or archived";
  }

  private String criterion(int i, LifecycleRule rule) {
    LifecycleImage image = images.get(i);
    Selection selection = rule.selection();
    int number = selection.countNumber();
    boolean acted = state.outcome[i] != KEEP;
    return switch (selection.countType()) {
      case IMAGE_COUNT_MORE_THAN ->
          "number "
              + state.rank[i]
              + (isRestored(image) ? " by restore time" : " by push time")
              + ", newest first, and the rule keeps "
              + number;
      case SINCE_IMAGE_PUSHED -> {
        Instant pushed = max(image.pushedAt(), image.lastActivatedAt());
        String what =
            image.lastActivatedAt() != null && pushed.equals(image.lastActivatedAt())
                ? "restored "
                : "pushed ";
        yield what + ago(pushed) + (acted ? ", more than " : ", not more than ") + days(number);
      }
      case SINCE_IMAGE_PULLED -> {
        Instant reference =
            max(max(image.pushedAt(), image.lastActivatedAt()), image.lastRecordedPullTime());
        String what =
            image.lastRecordedPullTime() != null && reference.equals(image.lastRecordedPullTime())
                ? "last pulled "
                : "never pulled since push or restore, ";
        yield what + ago(reference) + (acted ? ", more than " : ", not more than ") + days(number);
      }
      case SINCE_IMAGE_TRANSITIONED -> {
        Instant archived = image.lastArchivedAt();
        if (archived == null) {
          yield "archived at an unknown time (no lastArchivedAt), so never expired";
        }
        yield "archived "
            + ago(archived)
            + (acted ? ", more than " : ", not more than ")
            + days(number);
      }
    };
  }

  /** Returns true when the image was restored from the archive after it was pushed. */
  private static boolean isRestored(LifecycleImage image) {
    return image.lastActivatedAt() != null && image.lastActivatedAt().isAfter(image.pushedAt());
  }

  private String ago(Instant time) {
    long millis = LifecycleEvaluator.millis(now) - LifecycleEvaluator.millis(time);
    if (millis < 0) {
      return "in the future (" + timestamp(time) + ")";
    }
    long hours = millis / 3_600_000L;
    if (hours < 48) {
      return hours + (hours == 1 ? " hour ago" : " hours ago");
    }
    return hours / 24 + " days ago";
  }

  private static String days(int number) {
    return number == 1 ? "1 day" : number + " days";
  }

  private static Instant max(Instant a, @Nullable Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    int end = Math.min(digest.length(), colon + 13);
    return colon >= 0 && digest.length() > end ? digest.substring(0, end) : digest;
  }

  static String timestamp(Instant time) {
    if (time.isBefore(OffsetDateTime.MIN.toInstant())
        || time.isAfter(OffsetDateTime.MAX.toInstant())) {
      return time.toString(); // beyond the years a date-time can hold; no real image is there
    }
    String text = TIMESTAMP.format(time.atOffset(ZoneOffset.UTC));
    return text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00" : text;
  }

  private List<String> digestsWith(byte outcome) {
    List<String> digests = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      if (state.outcome[i] == outcome) {
        digests.add(images.get(i).digest());
      }
    }
    return digests;
  }

  private int count(byte outcome) {
    int count = 0;
    for (byte value : state.outcome) {
      if (value == outcome) {
        count++;
      }
    }
    return count;
  }

  /** The evaluator's per-image results, as parallel arrays indexed like the input images. */
  static final class State {
    final byte[] outcome;
    final int[] claimedBy;
    final int[] rank;
    final int[] protectedFrom;
    final byte[] keepReason;
    final int[] related;
    final boolean[] resolved;

    State(int n) {
      outcome = new byte[n];
      claimedBy = new int[n];
      rank = new int[n];
      protectedFrom = new int[n];
      keepReason = new byte[n];
      related = new int[n];
      resolved = new boolean[n];
      Arrays.fill(claimedBy, -1);
      Arrays.fill(protectedFrom, -1);
      Arrays.fill(related, -1);
    }
  }
}
