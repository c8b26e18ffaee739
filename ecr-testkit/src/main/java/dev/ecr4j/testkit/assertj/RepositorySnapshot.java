package dev.ecr4j.testkit.assertj;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

/**
 * The images of one repository at one moment, as DescribeImages returned them: digest, tags and
 * status (ACTIVE or ARCHIVED). Take one before a lifecycle run and compare after it with {@link
 * RepositoryAssert#sinceSnapshot(RepositorySnapshot)}.
 *
 * <p>Immutable.
 *
 * @since 0.1.0
 */
public final class RepositorySnapshot {

  /** One image of the snapshot. */
  public record ImageState(String digest, List<String> tags, String status) {
    /** Copies the tags. */
    public ImageState {
      Objects.requireNonNull(digest, "digest");
      tags = List.copyOf(tags);
      Objects.requireNonNull(status, "status");
    }

    /** Returns true when the image is archived. */
    public boolean archived() {
      return status.equals("ARCHIVED");
    }
  }

  private final String repositoryName;
  private final Instant takenAt;
  private final Map<String, ImageState> images;

  private RepositorySnapshot(
      String repositoryName, Instant takenAt, Map<String, ImageState> images) {
    this.repositoryName = repositoryName;
    this.takenAt = takenAt;
    this.images = Collections.unmodifiableMap(new TreeMap<>(images));
  }

  /**
   * Reads every image of {@code repositoryName}, archived ones included where the backend can list
   * them.
   *
   * @throws software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException when the
   *     repository does not exist
   */
  public static RepositorySnapshot take(EcrClient client, String repositoryName) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(repositoryName, "repositoryName");
    Map<String, ImageState> images = new LinkedHashMap<>();
    for (ImageDetail detail : describeImages(client, repositoryName)) {
      List<String> tags = detail.hasImageTags() ? detail.imageTags() : List.of();
      String status =
          detail.imageStatusAsString() == null ? "ACTIVE" : detail.imageStatusAsString();
      images.put(detail.imageDigest(), new ImageState(detail.imageDigest(), tags, status));
    }
    return new RepositorySnapshot(repositoryName, Instant.now(), images);
  }

  /**
   * Describes every image, asking for archived ones too. A backend whose API model predates image
   * archiving rejects the {@code imageStatus} filter, so the call is repeated without it.
   */
  private static List<ImageDetail> describeImages(EcrClient client, String repositoryName) {
    DescribeImagesRequest request =
        DescribeImagesRequest.builder()
            .repositoryName(repositoryName)
            .filter(filter -> filter.imageStatus(ImageStatusFilter.ANY))
            .build();
    try {
      return collect(client, request);
    } catch (InvalidParameterException e) {
      return collect(
          client, DescribeImagesRequest.builder().repositoryName(repositoryName).build());
    }
  }

  private static List<ImageDetail> collect(EcrClient client, DescribeImagesRequest request) {
    List<ImageDetail> details = new ArrayList<>();
    client.describeImagesPaginator(request).imageDetails().forEach(details::add);
    return details;
  }

  /** Returns the repository's name. */
  public String repositoryName() {
    return repositoryName;
  }

  /** Returns the wall-clock time at which the images were read. */
  public Instant takenAt() {
    return takenAt;
  }

  /** Returns the images by digest, in digest order. */
  public Map<String, ImageState> images() {
    return images;
  }

  /** Returns the digests, in order. */
  public Set<String> digests() {
    return images.keySet();
  }

  /** Returns the image with {@code digest}. */
  public Optional<ImageState> image(String digest) {
    return Optional.ofNullable(images.get(digest));
  }

  /** Returns the image that carries {@code tag}. */
  public Optional<ImageState> imageTagged(String tag) {
    return images.values().stream().filter(image -> image.tags().contains(tag)).findFirst();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(repositoryName).append(" {");
    String separator = "";
    for (ImageState image : images.values()) {
      text.append(separator)
          .append(image.digest())
          .append(' ')
          .append(image.tags())
          .append(image.archived() ? " ARCHIVED" : "");
      separator = ", ";
    }
    return text.append('}').toString();
  }
}
