package dev.ecr4j.testkit.assertj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Assertions on one image, named by a tag or a digest; the actual value is that name. Each check
 * reads the registry again, and {@link #within(Duration)} makes later checks wait for state that
 * changes in the background, such as replication. Create one with {@link
 * EcrAssertions#assertThatImage(EcrClient, String, String)}.
 *
 * @since 0.1.0
 */
public final class ImageAssert extends AbstractAssert<ImageAssert, String> {

  private final EcrClient client;
  private final String repositoryName;
  private Duration timeout = Duration.ZERO;

  ImageAssert(EcrClient client, String repositoryName, String tagOrDigest) {
    super(Objects.requireNonNull(tagOrDigest, "tagOrDigest"), ImageAssert.class);
    this.client = Objects.requireNonNull(client, "client");
    this.repositoryName = Objects.requireNonNull(repositoryName, "repositoryName");
  }

  /**
   * Makes the checks that follow retry until they pass or {@code timeout} has passed, polling every
   * 100 ms. Default: each check runs once.
   *
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public ImageAssert within(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid timeout " + timeout + ": expected zero or a positive duration.");
    }
    this.timeout = timeout;
    return this;
  }

  /** Verifies that DescribeImages finds the image. */
  public ImageAssert exists() {
    Polling.until(timeout, this::detail);
    return this;
  }

  /** Verifies that DescribeImages does not find the image. */
  public ImageAssert doesNotExist() {
    Polling.until(
        timeout,
        () -> {
          ImageDetail detail = findDetail();
          if (detail != null) {
            throw failure(
                "Expected image '%s' not to exist in repository '%s', but it does: %s %s",
                actual, repositoryName, detail.imageDigest(), tags(detail));
          }
        });
    return this;
  }

  /** Verifies that the image carries every one of {@code tags}, and maybe others. */
  public ImageAssert hasTags(String... tags) {
    Polling.until(
        timeout,
        () -> {
          ImageDetail detail = detail();
          Set<String> missing = new TreeSet<>(Arrays.asList(tags));
          tags(detail).forEach(missing::remove);
          if (!missing.isEmpty()) {
            throw failure(
                "Expected image '%s' in repository '%s' to carry the tags %s, but it carries %s.",
                actual, repositoryName, Arrays.asList(tags), tags(detail));
          }
        });
    return this;
  }

  /** Verifies that the image carries exactly {@code tags}, in any order. */
  public ImageAssert hasExactlyTags(String... tags) {
    Polling.until(
        timeout,
        () -> {
          ImageDetail detail = detail();
          Set<String> expected = new TreeSet<>(Arrays.asList(tags));
          Set<String> carried = new TreeSet<>(tags(detail));
          if (!carried.equals(expected)) {
            throw failure(
                "Expected image '%s' in repository '%s' to carry exactly the tags %s, but it"
                    + " carries %s.",
                actual, repositoryName, expected, carried);
          }
        });
    return this;
  }

  /** Verifies that the image is active, not archived. */
  public ImageAssert isActive() {
    return hasStatus("ACTIVE");
  }

  /** Verifies that the image is archived. */
  public ImageAssert isArchived() {
    return hasStatus("ARCHIVED");
  }

  /**
   * Verifies that DescribeImageReplicationStatus reports {@code COMPLETE} for each of {@code
   * regions}. Other destinations may exist.
   */
  public ImageAssert hasReplicatedTo(String... regions) {
    Polling.until(
        timeout,
        () -> {
          Map<String, ImageReplicationStatus> statuses = replicationStatuses();
          List<String> notReached = new ArrayList<>();
          for (String region : regions) {
            ImageReplicationStatus status = statuses.get(region);
            if (status == null || !"COMPLETE".equals(status.statusAsString())) {
              notReached.add(region);
            }
          }
          if (!notReached.isEmpty()) {
            throw failure(
                "Expected image '%s' of repository '%s' to have replicated to %s, but %s"
                    + " did not complete. Replication statuses: %s",
                actual, repositoryName, Arrays.asList(regions), notReached, describe(statuses));
          }
        });
    return this;
  }

  /**
   * Verifies the replication status of one destination region: {@code COMPLETE}, {@code
   * IN_PROGRESS} or {@code FAILED}.
   */
  public ImageAssert hasReplicationStatus(String region, String status) {
    Polling.until(
        timeout,
        () -> {
          Map<String, ImageReplicationStatus> statuses = replicationStatuses();
          ImageReplicationStatus found = statuses.get(region);
          if (found == null || !status.equals(found.statusAsString())) {
            throw failure(
                "Expected image '%s' of repository '%s' to have replication status %s in %s,"
                    + " but the statuses are: %s",
                actual, repositoryName, status, region, describe(statuses));
          }
        });
    return this;
  }

  private ImageAssert hasStatus(String expected) {
    Polling.until(
        timeout,
        () -> {
          ImageDetail detail = detail();
          String status =
              detail.imageStatusAsString() == null ? "ACTIVE" : detail.imageStatusAsString();
          if (!status.equals(expected)) {
            throw failure(
                "Expected image '%s' in repository '%s' to be %s, but it is %s.",
                actual, repositoryName, expected, status);
          }
        });
    return this;
  }

  private ImageDetail detail() {
    ImageDetail detail = findDetail();
    if (detail == null) {
      throw failure(
          "Expected image '%s' to exist in repository '%s', but it was not found.",
          actual, repositoryName);
    }
    return detail;
  }

  /** Describes the image, archived or not; returns null when it does not exist. */
  private @Nullable ImageDetail findDetail() {
    isNotNull();
    try {
      DescribeImagesResponse response =
          client.describeImages(
              request ->
                  request
                      .repositoryName(repositoryName)
                      .imageIds(imageId())
                      .filter(filter -> filter.imageStatus(ImageStatusFilter.ANY)));
      return response.imageDetails().isEmpty() ? null : response.imageDetails().get(0);
    } catch (ImageNotFoundException e) {
      return null;
    } catch (RepositoryNotFoundException e) {
      throw failure(
          "Expected repository '%s' to exist for image '%s', but it was not found.",
          repositoryName, actual);
    }
  }

  private Map<String, ImageReplicationStatus> replicationStatuses() {
    isNotNull();
    Map<String, ImageReplicationStatus> byRegion = new TreeMap<>();
    try {
      client
          .describeImageReplicationStatus(
              request -> request.repositoryName(repositoryName).imageId(imageId()))
          .replicationStatuses()
          .forEach(status -> byRegion.put(status.region(), status));
    } catch (ImageNotFoundException | RepositoryNotFoundException e) {
      throw failure(
          "Expected image '%s' to exist in repository '%s', but it was not found.",
          actual, repositoryName);
    }
    return byRegion;
  }

  private ImageIdentifier imageId() {
    return actual.startsWith("sha256:")
        ? ImageIdentifier.builder().imageDigest(actual).build()
        : ImageIdentifier.builder().imageTag(actual).build();
  }

  private static List<String> tags(ImageDetail detail) {
    return detail.hasImageTags() ? detail.imageTags() : List.of();
  }

  private static String describe(Map<String, ImageReplicationStatus> statuses) {
    if (statuses.isEmpty()) {
      return "none (no replication rule matches the repository)";
    }
    List<String> parts = new ArrayList<>();
    statuses.forEach(
        (region, status) ->
            parts.add(
                region
                    + "="
                    + status.statusAsString()
                    + (status.failureCode() == null ? "" : " (" + status.failureCode() + ")")));
    return String.join(", ", parts);
  }
}
