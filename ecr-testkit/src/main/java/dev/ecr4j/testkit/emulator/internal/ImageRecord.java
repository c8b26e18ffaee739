package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One image of a repository: its manifest, as the registry API will serve it, and the metadata that
 * DescribeImages and the lifecycle evaluator read. Guarded by the lock of its registry.
 */
public final class ImageRecord {

  private final String digest;
  private final String manifest;
  private final String mediaType;
  private final @Nullable String artifactMediaType;
  private final @Nullable String subjectDigest;
  private final List<String> childDigests;
  private final List<String> blobDigests;
  private final long sizeInBytes;
  private final Instant pushedAt;
  private final Set<String> tags = new LinkedHashSet<>();
  private @Nullable Instant lastRecordedPullTime;
  private boolean archived;
  private @Nullable Instant lastArchivedAt;
  private @Nullable Instant lastActivatedAt;
  private @Nullable Instant scanCompletedAt;
  private final Map<String, ReplicationStatus> replicationStatuses = new TreeMap<>();

  /**
   * The outcome of replicating this image to one destination.
   *
   * @param region the destination region
   * @param registryId the destination account
   * @param status {@code COMPLETE} or {@code FAILED}
   * @param failureCode why it failed, or {@code null}
   */
  record ReplicationStatus(
      String region, String registryId, String status, @Nullable String failureCode) {}

  ImageRecord(
      String digest,
      String manifest,
      String mediaType,
      @Nullable String artifactMediaType,
      @Nullable String subjectDigest,
      List<String> childDigests,
      List<String> blobDigests,
      long sizeInBytes,
      Instant pushedAt) {
    this.digest = digest;
    this.manifest = manifest;
    this.mediaType = mediaType;
    this.artifactMediaType = artifactMediaType;
    this.subjectDigest = subjectDigest;
    this.childDigests = List.copyOf(childDigests);
    this.blobDigests = List.copyOf(blobDigests);
    this.sizeInBytes = sizeInBytes;
    this.pushedAt = pushedAt;
  }

  /** Returns the manifest digest, such as {@code sha256:...}. */
  public String digest() {
    return digest;
  }

  /** Returns the manifest exactly as it was pushed. */
  public String manifest() {
    return manifest;
  }

  /** Returns the manifest's media type. */
  public String mediaType() {
    return mediaType;
  }

  /** Returns the artifact type of an OCI artifact, or {@code null}. */
  public @Nullable String artifactMediaType() {
    return artifactMediaType;
  }

  /** Returns the digest of the manifest this one refers to, or {@code null}. */
  public @Nullable String subjectDigest() {
    return subjectDigest;
  }

  /** Returns the digests of the manifests an index lists; empty for an image manifest. */
  public List<String> childDigests() {
    return childDigests;
  }

  /** Returns the sum of the layer and config sizes that the manifest declares. */
  public long sizeInBytes() {
    return sizeInBytes;
  }

  /** Returns when the image was pushed. */
  public Instant pushedAt() {
    return pushedAt;
  }

  /** Returns the tags, in the order they were applied. */
  public List<String> tags() {
    return new ArrayList<>(tags);
  }

  void addTag(String tag) {
    tags.add(tag);
  }

  void removeTag(String tag) {
    tags.remove(tag);
  }

  /** Returns when the image was last pulled, or {@code null}. */
  public @Nullable Instant lastRecordedPullTime() {
    return lastRecordedPullTime;
  }

  /** Records a pull at {@code time}. */
  public void recordPull(Instant time) {
    this.lastRecordedPullTime = time;
  }

  /** Returns true when the image is in the archive storage class. */
  public boolean archived() {
    return archived;
  }

  @Nullable Instant lastArchivedAt() {
    return lastArchivedAt;
  }

  @Nullable Instant lastActivatedAt() {
    return lastActivatedAt;
  }

  void archive(Instant time) {
    archived = true;
    lastArchivedAt = time;
  }

  void restore(Instant time) {
    archived = false;
    lastActivatedAt = time;
  }

  /**
   * Returns when the image's last basic scan completed, or {@code null} if it was never scanned.
   */
  @Nullable Instant scanCompletedAt() {
    return scanCompletedAt;
  }

  void recordScan(Instant time) {
    scanCompletedAt = time;
  }

  /** Returns the replication outcome per destination, keyed by region and account. */
  Map<String, ReplicationStatus> replicationStatuses() {
    return replicationStatuses;
  }

  /** Returns the digests of the config and layer blobs that the manifest lists. */
  List<String> blobDigests() {
    return blobDigests;
  }
}
