package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.DescribeImagesJson;
import dev.ecr4j.policy.lifecycle.ImageDecision;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.policy.lifecycle.LifecycleRule;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders {@code lifecycle preview --output table}: one row per image, the images acted on first,
 * then a summary line.
 */
final class PreviewTable {

  static final List<String> HEADERS =
      List.of("OUTCOME", "RULE", "DIGEST", "STATUS", "PUSHED (UTC)", "TAGS", "REASON");

  /** Tags shown per image; the rest are counted, since the JSON output has them all. */
  static final int MAX_TAGS_SHOWN = 3;

  /**
   * The push time in UTC. {@code uuuu} is the proleptic year, where {@code yyyy} is the year of
   * era.
   */
  private static final DateTimeFormatter PUSHED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private static final String COLUMN_GAP = "  ";

  private PreviewTable() {}

  static void print(LifecyclePreview preview, DescribeImagesJson.Result listing, PrintWriter out) {
    out.println(title(preview, listing));
    out.println();

    List<ImageDecision> decisions = sorted(preview.decisions());
    if (decisions.isEmpty()) {
      out.println("(no images)");
    } else {
      List<List<String>> rows = new ArrayList<>(decisions.size());
      for (ImageDecision decision : decisions) {
        rows.add(row(decision));
      }
      printRows(rows, out);
    }

    out.println();
    out.println(summary(preview, decisions.size()));
  }

  /**
   * Orders the decisions by outcome (expired, archived, kept), then by the deciding rule, then
   * newest push first, so that each rule's images stand together in the order ECR ranks them.
   */
  static List<ImageDecision> sorted(List<ImageDecision> decisions) {
    List<ImageDecision> sorted = new ArrayList<>(decisions);
    sorted.sort(
        Comparator.comparingInt((ImageDecision decision) -> decision.outcome().ordinal())
            .thenComparingInt(PreviewTable::rulePriorityOrLast)
            .thenComparing(
                (ImageDecision decision) -> decision.image().pushedAt(),
                Comparator.reverseOrder()));
    return sorted;
  }

  static String summary(LifecyclePreview preview, int imageCount) {
    int expiring = preview.expiringImageCount();
    int archiving = preview.transitioningImageCount();
    int kept = imageCount - expiring - archiving;
    return expiring
        + " of "
        + imageCount
        + (imageCount == 1 ? " image " : " images ")
        + (expiring == 1 ? "expires, " : "expire, ")
        + archiving
        + (archiving == 1 ? " is archived, " : " are archived, ")
        + kept
        + (kept == 1 ? " is kept" : " are kept");
  }

  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    int end = colon + 1 + 12;
    return colon >= 0 && digest.length() > end ? digest.substring(0, end) : digest;
  }

  private static String title(LifecyclePreview preview, DescribeImagesJson.Result listing) {
    StringBuilder title = new StringBuilder("Lifecycle preview");
    String repositoryName = listing.repositoryName();
    if (repositoryName != null) {
      title.append(" of repository ").append(Printable.escapeControlCharacters(repositoryName));
    }
    String registryId = listing.registryId();
    if (registryId != null) {
      title.append(" in registry ").append(Printable.escapeControlCharacters(registryId));
    }
    return title.append(" at ").append(preview.evaluatedAt()).toString();
  }

  private static List<String> row(ImageDecision decision) {
    LifecycleImage image = decision.image();
    LifecycleRule rule = decision.rule();
    return List.of(
        outcomeLabel(decision.outcome()),
        rule == null ? "-" : Integer.toString(rule.rulePriority()),
        shortDigest(image.digest()),
        image.status().name(),
        PUSHED.format(image.pushedAt()),
        Printable.escapeControlCharacters(tags(image.tags())),
        Printable.escapeControlCharacters(decision.reason()));
  }

  private static String outcomeLabel(ImageDecision.Outcome outcome) {
    return switch (outcome) {
      case EXPIRE -> "EXPIRE";
      case TRANSITION -> "ARCHIVE";
      case KEEP -> "KEEP";
    };
  }

  private static String tags(List<String> tags) {
    if (tags.isEmpty()) {
      return "<untagged>";
    }
    if (tags.size() <= MAX_TAGS_SHOWN) {
      return String.join(",", tags);
    }
    return String.join(",", tags.subList(0, MAX_TAGS_SHOWN))
        + " +"
        + (tags.size() - MAX_TAGS_SHOWN)
        + " more";
  }

  private static int rulePriorityOrLast(ImageDecision decision) {
    LifecycleRule rule = decision.rule();
    return rule == null ? Integer.MAX_VALUE : rule.rulePriority();
  }

  /** Prints left-aligned columns; the last column is not padded, so lines end without blanks. */
  private static void printRows(List<List<String>> rows, PrintWriter out) {
    int[] widths = new int[HEADERS.size()];
    for (int column = 0; column < widths.length; column++) {
      widths[column] = HEADERS.get(column).length();
    }
    for (List<String> row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }

    printRow(HEADERS, widths, out);
    for (List<String> row : rows) {
      printRow(row, widths, out);
    }
  }

  private static void printRow(List<String> cells, int[] widths, PrintWriter out) {
    StringBuilder line = new StringBuilder();
    int last = cells.size() - 1;
    for (int column = 0; column < last; column++) {
      String cell = cells.get(column);
      line.append(cell).append(" ".repeat(widths[column] - cell.length())).append(COLUMN_GAP);
    }
    line.append(cells.get(last));
    out.println(line);
  }
}
