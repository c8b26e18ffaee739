package dev.ecr4j.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tag in an ECR Public repository and the image it points to, as {@code DescribeImageTags}
 * returns it.
 *
 * @param tag the image tag
 * @param createdAt when the tag was created
 * @param digest the manifest digest of the image the tag points to
 * @param sizeInBytes the compressed size of the image's layers
 * @param pushedAt when the image was pushed
 * @param manifestMediaType the manifest media type, or {@code null} when ECR Public omits it
 * @param artifactMediaType the artifact (config) media type, or {@code null}
 */
public record PublicImageTag(
    String tag,
    Instant createdAt,
    String digest,
    long sizeInBytes,
    Instant pushedAt,
    @Nullable String manifestMediaType,
    @Nullable String artifactMediaType) {

  public PublicImageTag {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(pushedAt, "pushedAt");
  }

  /** Returns the manifest media type, if ECR Public reported one. */
  public Optional<String> mediaType() {
    return Optional.ofNullable(manifestMediaType);
  }

  /** Returns the id of the tagged image, by tag and digest. */
  public ImageId id() {
    return new ImageId(digest, tag);
  }
}
