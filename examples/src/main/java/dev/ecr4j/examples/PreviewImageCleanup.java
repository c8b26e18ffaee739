package dev.ecr4j.examples;

import dev.ecr4j.core.BatchResult;
import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Image;
import dev.ecr4j.core.ImageId;
import dev.ecr4j.core.Images;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Deletes preview images: images whose every tag starts with a prefix, such as {@code pr-}, and
 * that were pushed longer ago than a retention period. An image that also carries another tag, such
 * as a release number, is kept. This is the code under test of the testkit's example, {@code
 * PreviewImageCleanupTest}.
 *
 * <p>Run it against a real registry with the default AWS credentials and region:
 *
 * <pre>{@code
 * java -cp examples.jar dev.ecr4j.examples.PreviewImageCleanup web-app pr- 7
 * }</pre>
 */
public final class PreviewImageCleanup {

  private PreviewImageCleanup() {}

  /**
   * Deletes the preview images of {@code repository} that are older than {@code retention} at
   * {@code now}.
   *
   * @return the digests of the deleted images, in digest order
   * @throws IllegalArgumentException when the prefix is empty or the retention negative
   * @throws IllegalStateException when ECR refused to delete one of the images
   */
  public static List<String> run(
      Ecr4jClient ecr, String repository, String tagPrefix, Duration retention, Instant now) {
    if (tagPrefix.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid tag prefix '': it would match every tag; use a prefix such as pr-.");
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid retention " + retention + ": expected zero or a positive duration.");
    }

    Instant cutoff = now.minus(retention);
    List<String> stale =
        ecr.images()
            .describe(repository, Images.TagFilter.TAGGED, false)
            .filter(image -> image.tags().stream().allMatch(tag -> tag.startsWith(tagPrefix)))
            .filter(image -> image.pushedAt().isBefore(cutoff))
            .map(Image::digest)
            .sorted()
            .toList();
    if (stale.isEmpty()) {
      return stale;
    }

    BatchResult<ImageId> result =
        ecr.images().delete(repository, stale.stream().map(ImageId::digest).toList());
    if (!result.allSucceeded()) {
      throw new IllegalStateException(
          "Failed to delete preview images of " + repository + ": " + result.failures());
    }
    return stale;
  }

  /**
   * Deletes preview images from a real registry.
   *
   * @param args the repository, the tag prefix and the retention in days
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("Usage: PreviewImageCleanup REPOSITORY TAG_PREFIX RETENTION_DAYS");
      System.exit(2);
    }
    try (Ecr4jClient ecr =
        Ecr4jClient.builder()
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
            .build()) {
      List<String> deleted =
          run(ecr, args[0], args[1], Duration.ofDays(Long.parseLong(args[2])), Instant.now());
      deleted.forEach(System.out::println);
    }
  }
}
