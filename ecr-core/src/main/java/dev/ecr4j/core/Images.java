package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.lifecycle.ImageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImageReplicationStatusResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ListImageReferrersFilter;
import software.amazon.awssdk.services.ecr.model.ListImageReferrersResponse;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;

/**
 * Operations on images. Obtained from {@link Ecr4jClient#images()}; thread-safe.
 *
 * @throws NotFoundException from any method when the repository does not exist
 */
public final class Images {

  // ECR's maximum page size for ListImages and DescribeImages.
  private static final int PAGE_SIZE = 1_000;
  // ECR's maximum number of image ids per BatchGetImage, BatchDeleteImage or DescribeImages call.
  private static final int MAX_IDS_PER_CALL = 100;
  // ECR's maximum page size for ListImageReferrers.
  private static final int REFERRERS_PAGE_SIZE = 50;

  /** Media types accepted when reading manifests: Docker v2 and OCI images and indexes. */
  static final List<String> MANIFEST_MEDIA_TYPES =
      List.of(
          "application/vnd.docker.distribution.manifest.v2+json",
          MediaTypes.DOCKER_MANIFEST_LIST,
          "application/vnd.oci.image.manifest.v1+json",
          MediaTypes.OCI_INDEX);

  /** The tag status of the images a listing returns. */
  public enum TagFilter {
    /** Images with at least one tag. */
    TAGGED,
    /** Images without tags. */
    UNTAGGED,
    /** All images. */
    ANY
  }

  /**
   * The replication status of one image for one destination.
   *
   * @param region the destination region
   * @param registryId the destination registry
   * @param status ECR's status: {@code IN_PROGRESS}, {@code COMPLETE} or {@code FAILED}
   * @param failureCode ECR's failure code when it failed, or null
   */
  public record ReplicationStatus(
      String region, String registryId, String status, @Nullable String failureCode) {
    public ReplicationStatus {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(registryId, "registryId");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * An artifact whose manifest names an image as its {@code subject}, such as a signature or an
   * SBOM.
   *
   * @param digest the referrer's manifest digest
   * @param mediaType the referrer's manifest media type
   * @param artifactType its artifact type, or null
   * @param size the manifest size in bytes
   * @param status ECR's artifact status, such as {@code ACTIVE}, or null
   */
  public record Referrer(
      String digest,
      String mediaType,
      @Nullable String artifactType,
      long size,
      @Nullable String status) {
    public Referrer {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;

  Images(EcrClient ecr, EcrCalls calls, @Nullable String registryId) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
  }

  /** Returns the ids of the repository's active images, one per digest and tag pair. */
  public Stream<ImageId> list(String repository, TagFilter filter) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(filter, "filter");
    return Pages.stream(
        token -> {
          ListImagesResponse response =
              calls.call(
                  "ListImages",
                  override ->
                      ecr.listImages(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .filter(f -> f.tagStatus(filter.name()))
                                  .maxResults(PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<ImageId> ids = new ArrayList<>();
          response.imageIds().forEach(id -> ids.add(toImageId(id)));
          return new Pages.Page<>(ids, response.nextToken());
        });
  }

  /**
   * Returns the details of the repository's images with {@code filter}'s tag status, of every
   * storage status when {@code includeArchived} is true and of active images otherwise.
   */
  public Stream<Image> describe(String repository, TagFilter filter, boolean includeArchived) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(filter, "filter");
    return Pages.stream(
        token -> {
          DescribeImagesResponse response =
              calls.call(
                  "DescribeImages",
                  override ->
                      ecr.describeImages(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .filter(
                                      f -> {
                                        f.tagStatus(filter.name());
                                        if (includeArchived) {
                                          f.imageStatus("ANY");
                                        }
                                      })
                                  .maxResults(PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<Image> images = new ArrayList<>();
          response.imageDetails().forEach(detail -> images.add(toImage(repository, detail)));
          return new Pages.Page<>(images, response.nextToken());
        });
  }

  /** Returns the details of the given images, in chunks of 100 ids per call. */
  public List<Image> describe(String repository, List<ImageId> ids) {
    Objects.requireNonNull(repository, "repository");
    List<Image> images = new ArrayList<>();
    for (List<ImageIdentifier> chunk : chunks(ids)) {
      DescribeImagesResponse response =
          calls.call(
              "DescribeImages",
              override ->
                  ecr.describeImages(
                      request ->
                          request
                              .registryId(registryId)
                              .repositoryName(repository)
                              .imageIds(chunk)
                              .overrideConfiguration(override)));
      response.imageDetails().forEach(detail -> images.add(toImage(repository, detail)));
    }
    return images;
  }

  /**
   * Returns the manifests of the given images, accepting Docker v2 and OCI media types; images ECR
   * cannot return are listed as failures.
   */
  public BatchResult<ImageManifest> manifests(String repository, List<ImageId> ids) {
    Objects.requireNonNull(repository, "repository");
    List<ImageManifest> manifests = new ArrayList<>();
    List<ImageFailure> failures = new ArrayList<>();
    for (List<ImageIdentifier> chunk : chunks(ids)) {
      BatchGetImageResponse response =
          calls.call(
              "BatchGetImage",
              override ->
                  ecr.batchGetImage(
                      request ->
                          request
                              .registryId(registryId)
                              .repositoryName(repository)
                              .imageIds(chunk)
                              .acceptedMediaTypes(MANIFEST_MEDIA_TYPES)
                              .overrideConfiguration(override)));
      response
          .images()
          .forEach(
              image ->
                  manifests.add(
                      new ImageManifest(
                          toImageId(image.imageId()),
                          image.imageManifestMediaType(),
                          image.imageManifest())));
      response
          .failures()
          .forEach(
              failure ->
                  failures.add(
                      new ImageFailure(
                          toImageId(failure.imageId()),
                          String.valueOf(failure.failureCodeAsString()),
                          String.valueOf(failure.failureReason()))));
    }
    return new BatchResult<>(manifests, failures);
  }

  /**
   * Returns the manifest of one image.
   *
   * @throws NotFoundException when the image does not exist
   */
  public ImageManifest manifest(String repository, ImageId id) {
    BatchResult<ImageManifest> result = manifests(repository, List.of(id));
    if (result.succeeded().isEmpty()) {
      ImageFailure failure = result.failures().get(0);
      throw new NotFoundException(
          "BatchGetImage failed: image "
              + id
              + " of repository '"
              + repository
              + "': "
              + failure.reason()
              + " ("
              + failure.code()
              + ")",
          "BatchGetImage",
          200,
          failure.code(),
          null,
          null);
    }
    return result.succeeded().get(0);
  }

  /**
   * Stores a manifest, tagged with {@code tag} when it is not null, and returns the image's id.
   * Idempotent: putting the same manifest and tag again succeeds, and so does putting it under an
   * immutable tag that already points at the same digest.
   *
   * @throws Ecr4jServiceException with code {@code ImageTagAlreadyExistsException} when an
   *     immutable tag points at another image
   */
  public ImageId put(
      String repository, String manifest, @Nullable String mediaType, @Nullable String tag) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(manifest, "manifest");
    try {
      return toImageId(
          calls
              .call(
                  "PutImage",
                  override ->
                      ecr.putImage(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .imageManifest(manifest)
                                  .imageManifestMediaType(mediaType)
                                  .imageTag(tag)
                                  .overrideConfiguration(override)))
              .image()
              .imageId());
    } catch (AlreadyExistsException e) {
      return existingImage(repository, manifest, tag, e);
    } catch (Ecr4jServiceException e) {
      // An immutable tag is "already there" only when it names the same manifest.
      if (tag != null
          && e.awsErrorCode().filter("ImageTagAlreadyExistsException"::equals).isPresent()) {
        return existingImage(repository, manifest, tag, e);
      }
      throw e;
    }
  }

  /**
   * Adds tag {@code newTag} to the image {@code source} without uploading anything: the stored
   * manifest is put again under the new tag.
   */
  public ImageId retag(String repository, ImageId source, String newTag) {
    Objects.requireNonNull(newTag, "newTag");
    ImageManifest manifest = manifest(repository, source);
    return put(repository, manifest.manifest(), manifest.mediaType(), newTag);
  }

  /**
   * Deletes images: an id with a tag removes that tag (and the image with its last tag), an id with
   * only a digest removes the image and all its tags.
   */
  public BatchResult<ImageId> delete(String repository, List<ImageId> ids) {
    Objects.requireNonNull(repository, "repository");
    List<ImageId> deleted = new ArrayList<>();
    List<ImageFailure> failures = new ArrayList<>();
    for (List<ImageIdentifier> chunk : chunks(ids)) {
      BatchDeleteImageResponse response =
          calls.call(
              "BatchDeleteImage",
              override ->
                  ecr.batchDeleteImage(
                      request ->
                          request
                              .registryId(registryId)
                              .repositoryName(repository)
                              .imageIds(chunk)
                              .overrideConfiguration(override)));
      response.imageIds().forEach(id -> deleted.add(toImageId(id)));
      response
          .failures()
          .forEach(
              failure ->
                  failures.add(
                      new ImageFailure(
                          toImageId(failure.imageId()),
                          String.valueOf(failure.failureCodeAsString()),
                          String.valueOf(failure.failureReason()))));
    }
    return new BatchResult<>(deleted, failures);
  }

  /** Moves an image to the archive storage class, where it is kept but cannot be pulled. */
  public void archive(String repository, ImageId id) {
    updateStorageClass(repository, id, "ARCHIVE");
  }

  /** Starts restoring an archived image; it is {@code ACTIVATING} until it can be pulled. */
  public void restore(String repository, ImageId id) {
    updateStorageClass(repository, id, "STANDARD");
  }

  private void updateStorageClass(String repository, ImageId id, String storageClass) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(id, "id");
    calls.call(
        "UpdateImageStorageClass",
        override ->
            ecr.updateImageStorageClass(
                request ->
                    request
                        .registryId(registryId)
                        .repositoryName(repository)
                        .imageId(toIdentifier(id))
                        .targetStorageClass(storageClass)
                        .overrideConfiguration(override)));
  }

  private ImageId existingImage(
      String repository, String manifest, @Nullable String tag, Ecr4jServiceException conflict) {
    ImageId lookup = tag != null ? ImageId.tag(tag) : null;
    if (lookup == null) {
      // PutImage without a tag only conflicts on the digest, which is the manifest itself.
      throw conflict;
    }
    BatchResult<ImageManifest> stored = manifests(repository, List.of(lookup));
    if (!stored.succeeded().isEmpty() && stored.succeeded().get(0).manifest().equals(manifest)) {
      return stored.succeeded().get(0).id();
    }
    throw conflict;
  }

  private static List<List<ImageIdentifier>> chunks(List<ImageId> ids) {
    List<List<ImageIdentifier>> chunks = new ArrayList<>();
    for (int start = 0; start < ids.size(); start += MAX_IDS_PER_CALL) {
      List<ImageIdentifier> chunk = new ArrayList<>();
      for (ImageId id : ids.subList(start, Math.min(ids.size(), start + MAX_IDS_PER_CALL))) {
        chunk.add(toIdentifier(id));
      }
      chunks.add(chunk);
    }
    return chunks;
  }

  private static ImageStatus imageStatus(@Nullable String status) {
    // Emulators and older ECR responses omit the status, and those images are active.
    if (status == null) {
      return ImageStatus.ACTIVE;
    }
    switch (status.toUpperCase(Locale.ROOT)) {
      case "ARCHIVED":
        return ImageStatus.ARCHIVED;
      case "ACTIVATING":
        return ImageStatus.ACTIVATING;
      default:
        return ImageStatus.ACTIVE;
    }
  }

  /**
   * Returns the image's replication status for each destination of the registry's replication
   * configuration; empty when nothing replicates it.
   *
   * @throws NotFoundException when the repository or image does not exist
   */
  public List<ReplicationStatus> replicationStatus(String repository, ImageId id) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(id, "id");
    DescribeImageReplicationStatusResponse response =
        calls.call(
            "DescribeImageReplicationStatus",
            override ->
                ecr.describeImageReplicationStatus(
                    request ->
                        request
                            .registryId(registryId)
                            .repositoryName(repository)
                            .imageId(toIdentifier(id))
                            .overrideConfiguration(override)));
    List<ReplicationStatus> statuses = new ArrayList<>();
    response
        .replicationStatuses()
        .forEach(
            status ->
                statuses.add(
                    new ReplicationStatus(
                        String.valueOf(status.region()),
                        String.valueOf(status.registryId()),
                        String.valueOf(status.statusAsString()),
                        status.failureCode())));
    return statuses;
  }

  /**
   * Returns the artifacts that refer to the image with {@code subjectDigest}, optionally only those
   * of the given artifact types; pages of up to 50, ECR's maximum, are fetched as it is read.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public Stream<Referrer> referrers(
      String repository, String subjectDigest, List<String> artifactTypes) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(subjectDigest, "subjectDigest");
    List<String> types = List.copyOf(artifactTypes);
    return Pages.stream(
        token -> {
          ListImageReferrersResponse response =
              calls.call(
                  "ListImageReferrers",
                  override ->
                      ecr.listImageReferrers(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .subjectId(subject -> subject.imageDigest(subjectDigest))
                                  .filter(
                                      types.isEmpty()
                                          ? null
                                          : ListImageReferrersFilter.builder()
                                              .artifactTypes(types)
                                              .build())
                                  .maxResults(REFERRERS_PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<Referrer> referrers = new ArrayList<>();
          response
              .referrers()
              .forEach(
                  referrer ->
                      referrers.add(
                          new Referrer(
                              String.valueOf(referrer.digest()),
                              String.valueOf(referrer.mediaType()),
                              referrer.artifactType(),
                              referrer.size() == null ? 0L : referrer.size(),
                              referrer.artifactStatusAsString())));
          return new Pages.Page<>(referrers, response.nextToken());
        });
  }

  static ImageIdentifier toIdentifier(ImageId id) {
    return ImageIdentifier.builder().imageDigest(id.digest()).imageTag(id.tag()).build();
  }

  static ImageId toImageId(ImageIdentifier id) {
    return new ImageId(id.imageDigest(), id.imageTag());
  }

  static Image toImage(String repository, ImageDetail detail) {
    String status = detail.imageStatusAsString();
    return new Image(
        repository,
        detail.imageDigest(),
        detail.hasImageTags() ? detail.imageTags() : List.of(),
        detail.imageSizeInBytes() == null ? 0L : detail.imageSizeInBytes(),
        detail.imagePushedAt(),
        detail.imageManifestMediaType(),
        detail.artifactMediaType(),
        detail.lastRecordedPullTime(),
        detail.subjectManifestDigest(),
        imageStatus(status),
        detail.lastArchivedAt(),
        detail.lastActivatedAt());
  }
}
