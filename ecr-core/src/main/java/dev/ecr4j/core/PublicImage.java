package dev.ecr4j.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image in an ECR Public repository, as {@code DescribeImages} returns it.
 *
 * @param repository the repository name
 * @param digest the manifest digest, such as {@code sha256:...}
 * @param tags the tags; empty for an untagged image
 * @param sizeInBytes the compressed size of the layers; for a manifest list, the largest size of
 *     the images it lists
 * @param pushedAt when the image was pushed
 * @param manifestMediaType the manifest media type, or {@code null} when ECR Public omits it
 * @param artifactMediaType the artifact (config) media type, or {@code null}
 */
public record PublicImage(
    String repository,
    String digest,
    List<String> tags,
    long sizeInBytes,
    Instant pushedAt,
    @Nullable String manifestMediaType,
    @Nullable String artifactMediaType) {

  public PublicImage {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    tags = List.copyOf(tags);
    Objects.requireNonNull(pushedAt, "pushedAt");
  }

  /** Returns the manifest media type, if ECR Public reported one. */
  public Optional<String> mediaType() {
    return Optional.ofNullable(manifestMediaType);
  }

  /** Returns the artifact media type, if ECR Public reported one. */
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactMediaType);
  }

  /** Returns the id of this image by digest. */
  public ImageId id() {
    return ImageId.digest(digest);
  }
}
