package dev.ecr4j.policy.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One image of a repository as the lifecycle evaluator reads it: the fields of ECR's {@code
 * ImageDetail} that rules look at, plus the manifest lists that reference the image.
 *
 * @param digest the image manifest digest, such as {@code sha256:...}
 * @param tags the image's tags; empty for an untagged image
 * @param pushedAt when the image was pushed ({@code imagePushedAt})
 * @param lastRecordedPullTime when the image was last pulled, or {@code null} if never
 * @param status whether the image is active, archived or being restored
 * @param lastArchivedAt when the image was last archived, or {@code null}
 * @param lastActivatedAt when the image was last restored from the archive, or {@code null}
 * @param manifestListDigests digests of the manifest lists (image indexes) that reference this
 *     image; ECR does not expire or archive an image while such a list remains
 * @param subjectDigest for a referrer such as a signature or an SBOM, the digest of the image it
 *     refers to ({@code subjectManifestDigest}); {@code null} otherwise
 */
public record LifecycleImage(
    String digest,
    List<String> tags,
    Instant pushedAt,
    @Nullable Instant lastRecordedPullTime,
    ImageStatus status,
    @Nullable Instant lastArchivedAt,
    @Nullable Instant lastActivatedAt,
    List<String> manifestListDigests,
    @Nullable String subjectDigest) {

  public LifecycleImage {
    Objects.requireNonNull(digest, "digest");
    tags = LifecyclePolicy.requireElements(tags, "tags");
    Objects.requireNonNull(pushedAt, "pushedAt");
    Objects.requireNonNull(status, "status");
    manifestListDigests =
        LifecyclePolicy.requireElements(manifestListDigests, "manifestListDigests");
  }

  /** Creates an active image that was never pulled, archived or restored. */
  public static LifecycleImage of(String digest, Instant pushedAt, String... tags) {
    Objects.requireNonNull(tags, "tags");
    return new LifecycleImage(
        digest,
        Arrays.asList(tags),
        pushedAt,
        null,
        ImageStatus.ACTIVE,
        null,
        null,
        List.of(),
        null);
  }

  /** Returns a copy last pulled at {@code time}. */
  public LifecycleImage withLastRecordedPullTime(@Nullable Instant time) {
    return new LifecycleImage(
        digest,
        tags,
        pushedAt,
        time,
        status,
        lastArchivedAt,
        lastActivatedAt,
        manifestListDigests,
        subjectDigest);
  }

  /** Returns a copy in the archive storage class, archived at {@code time}. */
  public LifecycleImage archivedAt(Instant time) {
    return new LifecycleImage(
        digest,
        tags,
        pushedAt,
        lastRecordedPullTime,
        ImageStatus.ARCHIVED,
        time,
        lastActivatedAt,
        manifestListDigests,
        subjectDigest);
  }

  /** Returns a copy restored from the archive at {@code time} and active again. */
  public LifecycleImage restoredAt(Instant time) {
    return new LifecycleImage(
        digest,
        tags,
        pushedAt,
        lastRecordedPullTime,
        ImageStatus.ACTIVE,
        lastArchivedAt,
        time,
        manifestListDigests,
        subjectDigest);
  }

  /** Returns a copy with {@code status}. */
  public LifecycleImage withStatus(ImageStatus status) {
    return new LifecycleImage(
        digest,
        tags,
        pushedAt,
        lastRecordedPullTime,
        status,
        lastArchivedAt,
        lastActivatedAt,
        manifestListDigests,
        subjectDigest);
  }

  /** Returns a copy referenced by the manifest lists with the given digests. */
  public LifecycleImage referencedBy(String... manifestListDigests) {
    Objects.requireNonNull(manifestListDigests, "manifestListDigests");
    return new LifecycleImage(
        digest,
        tags,
        pushedAt,
        lastRecordedPullTime,
        status,
        lastArchivedAt,
        lastActivatedAt,
        Arrays.asList(manifestListDigests),
        subjectDigest);
  }

  /** Returns a copy that is a referrer of the image with digest {@code subjectDigest}. */
  public LifecycleImage withSubject(@Nullable String subjectDigest) {
    return new LifecycleImage(
        digest,
        tags,
        pushedAt,
        lastRecordedPullTime,
        status,
        lastArchivedAt,
        lastActivatedAt,
        manifestListDigests,
        subjectDigest);
  }

  /** Returns true when the image has no tags. */
  public boolean isUntagged() {
    return tags.isEmpty();
  }
}
