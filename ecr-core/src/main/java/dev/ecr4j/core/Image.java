package dev.ecr4j.core;

import dev.ecr4j.policy.lifecycle.ImageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image as {@code DescribeImages} reports it.
 *
 * @param repository the repository name
 * @param digest the manifest digest
 * @param tags the tags; empty for an untagged image
 * @param sizeInBytes the compressed size of the layers
 * @param pushedAt when the image was pushed
 * @param manifestMediaType the manifest media type, or {@code null} when ECR omits it
 * @param artifactMediaType the artifact (config) media type, or {@code null}
 * @param lastRecordedPullTime when the image was last pulled, or {@code null}
 * @param subjectDigest the digest of the image this one refers to, for a referrer, or {@code null}
 * @param status active, archived or being restored
 * @param lastArchivedAt when the image was last archived, or {@code null}
 * @param lastActivatedAt when the image was last restored, or {@code null}
 */
public record Image(
    String repository,
    String digest,
    List<String> tags,
    long sizeInBytes,
    Instant pushedAt,
    @Nullable String manifestMediaType,
    @Nullable String artifactMediaType,
    @Nullable Instant lastRecordedPullTime,
    @Nullable String subjectDigest,
    ImageStatus status,
    @Nullable Instant lastArchivedAt,
    @Nullable Instant lastActivatedAt) {

  public Image {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    tags = List.copyOf(tags);
    Objects.requireNonNull(pushedAt, "pushedAt");
    Objects.requireNonNull(status, "status");
  }

  /** Returns the manifest media type, if ECR reported one. */
  public Optional<String> mediaType() {
    return Optional.ofNullable(manifestMediaType);
  }

  /** Returns whether the manifest is a manifest list or an OCI image index. */
  public boolean isManifestList() {
    return manifestMediaType != null && MediaTypes.isManifestList(manifestMediaType);
  }
}
