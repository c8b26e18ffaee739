package dev.ecr4j.testkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Image metadata: put, get, delete, list and describe images, storage class and referrers. */
final class ImageOperations {

  /** ECR's page size for ListImages and DescribeImages when maxResults is absent. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  /** ListImageReferrers returns 20 referrers when maxResults is absent. */
  private static final int DEFAULT_REFERRER_PAGE_SIZE = 20;

  /** The digest grammar of ECR's {@code LayerDigest} shape, which image digests follow too. */
  static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");

  static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+prettyjws";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";

  private ImageOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "PutImage",
            "BatchGetImage",
            "BatchDeleteImage",
            "ListImages",
            "DescribeImages",
            "UpdateImageStorageClass",
            "ListImageReferrers")) {
      operations.put(name, ImageOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "PutImage" -> putImage(call);
      case "BatchGetImage" -> batchGetImage(call);
      case "BatchDeleteImage" -> batchDeleteImage(call);
      case "ListImages" -> listImages(call);
      case "DescribeImages" -> describeImages(call);
      case "UpdateImageStorageClass" -> updateImageStorageClass(call);
      case "ListImageReferrers" -> listImageReferrers(call);
      default ->
          throw new IllegalStateException("ImageOperations has no operation " + call.operation());
    };
  }

  private static ObjectNode putImage(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String manifestText = call.text("imageManifest");
    String tag = Json.text(call.input(), "imageTag");
    ImageRecord image =
        store(
            call.state(),
            registry,
            repository,
            new ManifestPut(
                manifestText,
                Json.text(call.input(), "imageManifestMediaType"),
                tag,
                Json.text(call.input(), "imageDigest"),
                false),
            call.now());

    ObjectNode response = Json.object();
    ObjectNode body = response.putObject("image");
    body.put("registryId", registry.registryId());
    body.put("repositoryName", repository.name());
    body.set("imageId", imageId(image.digest(), tag));
    body.put("imageManifest", manifestText);
    body.put("imageManifestMediaType", image.mediaType());
    return response;
  }

  /**
   * One manifest to store.
   *
   * @param text the manifest exactly as sent
   * @param declaredMediaType the media type the client declared, or {@code null}
   * @param tag the tag to apply, or {@code null}
   * @param expectedDigest the digest the client expects, or {@code null}
   * @param registryApi true for a push through {@code /v2/}: the blobs must be in the repository,
   *     and pushing the same manifest and tag again succeeds, as it does for docker and skopeo
   */
  record ManifestPut(
      String text,
      @Nullable String declaredMediaType,
      @Nullable String tag,
      @Nullable String expectedDigest,
      boolean registryApi) {}

  /**
   * Stores a manifest with ECR's checks, for PutImage and the registry API alike, and schedules its
   * replication. The caller must hold the registry's monitor.
   *
   * @throws AwsError with ECR's control-plane code when a check fails
   */
  static ImageRecord store(
      EmulatorState state,
      RegistryState registry,
      RepositoryState repository,
      ManifestPut put,
      Instant now) {
    String manifestText = put.text();
    String tag = put.tag();

    // 1. The manifest must be JSON; its digest is the SHA-256 of the bytes as sent.
    JsonNode manifest = Json.parseDocument(manifestText);
    if (manifest == null || !manifest.isObject()) {
      throw AwsError.invalidParameter("ImageManifest", "Invalid JSON syntax");
    }
    String digest =
        "sha256:"
            + SigV4Verifier.hex(
                SigV4Verifier.sha256(manifestText.getBytes(StandardCharsets.UTF_8)));
    String givenDigest = put.expectedDigest();
    if (givenDigest != null && !givenDigest.equals(digest)) {
      throw AwsError.of(
          "ImageDigestDoesNotMatchException",
          "Provided digest '"
              + givenDigest
              + "' does not match the digest of the image manifest '"
              + digest
              + "'");
    }
    String mediaType = mediaType(put.declaredMediaType(), manifest);
    if (tag == null && mediaType.equals(DOCKER_SCHEMA1)) {
      throw AwsError.invalidRequest("You must specify the image tag for this image type");
    }

    // 2. An index may list only images that the repository has. A manifest pushed through the
    // registry API may list only blobs that were uploaded to the repository.
    List<String> children = new ArrayList<>();
    for (JsonNode child : Json.objects(manifest, "manifests")) {
      String childDigest = Json.text(child, "digest");
      if (childDigest != null) {
        children.add(childDigest);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String child : children) {
      if (repository.imageByDigest(child).isEmpty()) {
        missing.add(child);
      }
    }
    if (!missing.isEmpty()) {
      throw AwsError.of(
          "ReferencedImagesNotFoundException",
          "Some of the images referenced by the manifest list do not exist in the repository: "
              + missing);
    }
    List<String> blobs = blobDigests(manifest);
    if (put.registryApi()) {
      List<String> missingBlobs = new ArrayList<>();
      for (String blob : blobs) {
        if (!repository.blobs().contains(blob) || state.blobs().find(blob).isEmpty()) {
          missingBlobs.add(blob);
        }
      }
      if (!missingBlobs.isEmpty()) {
        throw AwsError.of(
            "LayersNotFoundException",
            "The manifest references blobs that were not uploaded to the repository '"
                + repository.name()
                + "': "
                + missingBlobs
                + ". Push the blobs before the manifest.");
      }
    }

    // 3. An immutable tag cannot move. Through the registry API it cannot even be pushed again
    // with the same manifest: ECR returns TAG_INVALID to docker and buildkit in that case.
    ImageRecord existing = repository.imageByDigest(digest).orElse(null);
    boolean tagTaken = tag != null && repository.imageByTag(tag).isPresent();
    if (put.registryApi() && tag != null && tagTaken && repository.isTagImmutable(tag)) {
      throw tagImmutable(repository, tag);
    }
    if (existing != null && (tag == null || existing.tags().contains(tag))) {
      if (put.registryApi()) {
        // docker and skopeo push the same manifest again without an error.
        return existing;
      }
      throw AwsError.of(
          "ImageAlreadyExistsException",
          "Image with digest '"
              + digest
              + "'"
              + (tag == null ? "" : " and tag '" + tag + "'")
              + " already exists in the repository with name '"
              + repository.name()
              // ECR writes "in registry with id" here, unlike its other messages.
              + "' in registry with id '"
              + registry.registryId()
              + "'");
    }
    if (tag != null && tagTaken && repository.isTagImmutable(tag)) {
      throw tagImmutable(repository, tag);
    }

    // 4. Store and tag. Pushing an archived image again restores it, as in ECR.
    ImageRecord image = existing;
    if (image == null) {
      image =
          new ImageRecord(
              digest,
              manifestText,
              mediaType,
              artifactType(manifest),
              Json.text(manifest.path("subject"), "digest"),
              children,
              blobs,
              size(manifest),
              now);
      repository.addImage(image);
    } else if (image.archived()) {
      image.restore(now);
    }
    if (tag != null) {
      repository.tag(tag, image);
    }
    state.replicator().schedule(registry, repository, image, tag);
    return image;
  }

  private static AwsError tagImmutable(RepositoryState repository, @Nullable String tag) {
    return AwsError.of(
        "ImageTagAlreadyExistsException",
        "The image tag '"
            + tag
            + "' already exists in the '"
            + repository.name()
            + "' repository and cannot be overwritten because the tag is immutable.");
  }

  /**
   * Returns the digests of the config and layers a manifest lists, leaving out non-distributable
   * layers, which registries never store.
   */
  static List<String> blobDigests(JsonNode manifest) {
    List<String> digests = new ArrayList<>();
    String config = Json.text(manifest.path("config"), "digest");
    if (config != null) {
      digests.add(config);
    }
    for (JsonNode layer : Json.objects(manifest, "layers")) {
      String layerType = Json.text(layer, "mediaType", "");
      String layerDigest = Json.text(layer, "digest");
      boolean foreign = layerType.contains("foreign") || layerType.contains("nondistributable");
      if (layerDigest != null && !foreign && !digests.contains(layerDigest)) {
        digests.add(layerDigest);
      }
    }
    return digests;
  }

  static String mediaType(@Nullable String declared, JsonNode manifest) {
    if (declared != null) {
      return declared;
    }
    String inManifest = Json.text(manifest, "mediaType");
    if (inManifest != null) {
      return inManifest;
    }
    if (manifest.path("schemaVersion").asInt(0) == 1) {
      return DOCKER_SCHEMA1;
    }
    // An OCI manifest may omit mediaType; an index is recognized by its manifests list.
    return manifest.has("manifests") ? "application/vnd.oci.image.index.v1+json" : OCI_MANIFEST;
  }

  /**
   * Returns the artifact type of an OCI artifact: {@code artifactType}, or a non-image config type.
   */
  static @Nullable String artifactType(JsonNode manifest) {
    String artifactType = Json.text(manifest, "artifactType");
    if (artifactType != null) {
      return artifactType;
    }
    String configType = Json.text(manifest.path("config"), "mediaType");
    if (configType == null
        || configType.equals(OCI_EMPTY_CONFIG)
        || configType.equals("application/vnd.oci.image.config.v1+json")
        || configType.equals("application/vnd.docker.container.image.v1+json")) {
      return null;
    }
    return configType;
  }

  /** Sums the sizes the manifest declares for its layers, as ECR's imageSizeInBytes does. */
  static long size(JsonNode manifest) {
    long size = 0;
    for (JsonNode layer : Json.objects(manifest, "layers")) {
      size += Math.max(0, layer.path("size").asLong(0));
    }
    return size;
  }

  static ObjectNode imageId(String digest, @Nullable String tag) {
    ObjectNode id = Json.object();
    id.put("imageDigest", digest);
    if (tag != null) {
      id.put("imageTag", tag);
    }
    return id;
  }

  /** What an {@code ImageIdentifier} resolves to: an image, or a failure. */
  record Resolution(@Nullable ImageRecord image, @Nullable ObjectNode failure) {}

  static Resolution resolve(RepositoryState repository, JsonNode id) {
    String digest = Json.text(id, "imageDigest");
    String tag = Json.text(id, "imageTag");
    if (digest == null && tag == null) {
      return failure(
          id,
          "MissingDigestAndTag",
          "Invalid request parameters: both tag and digest cannot be null");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      return failure(
          id,
          "InvalidImageDigest",
          "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
    }
    ImageRecord image =
        digest != null
            ? repository.imageByDigest(digest).orElse(null)
            : repository.imageByTag(tag == null ? "" : tag).orElse(null);
    if (image == null) {
      return failure(id, "ImageNotFound", "Requested image not found");
    }
    if (tag != null && !image.tags().contains(tag)) {
      // NOTE: ECR's failureReason for a tag that names another image is not observed.
      return failure(
          id,
          "ImageTagDoesNotMatchDigest",
          "Invalid request parameters: image tag does not match digest");
    }
    return new Resolution(image, null);
  }

  /**
   * Returns a resolution that fails image id {@code id}, as BatchGetImage and BatchDeleteImage list
   * it.
   */
  static Resolution failure(JsonNode id, String code, String reason) {
    ObjectNode failure = Json.object();
    failure.set("imageId", id.deepCopy());
    failure.put("failureCode", code);
    failure.put("failureReason", reason);
    return new Resolution(null, failure);
  }

  private static ObjectNode batchGetImage(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    List<String> accepted = Json.strings(call.input(), "acceptedMediaTypes");
    ObjectNode response = Json.object();
    ArrayNode images = response.putArray("images");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode id : Json.objects(call.input(), "imageIds")) {
      Resolution resolution = resolve(repository, id);
      ImageRecord image = resolution.image();
      if (image == null) {
        failures.add(resolution.failure());
        continue;
      }
      if (!accepted.isEmpty() && !accepted.contains(image.mediaType())) {
        // NOTE: ECR converts some schema 2 manifests to schema 1; the emulator never converts.
        failures.add(
            failure(
                    id,
                    "UnsupportedImageType",
                    "The image manifest media type '"
                        + image.mediaType()
                        + "' is not in acceptedMediaTypes")
                .failure());
        continue;
      }
      if (registry.recordsPullsBy(call.caller().principalArn())) {
        image.recordPull(call.now());
      }
      ObjectNode entry = images.addObject();
      entry.put("registryId", registry.registryId());
      entry.put("repositoryName", repository.name());
      entry.set("imageId", imageId(image.digest(), Json.text(id, "imageTag")));
      entry.put("imageManifest", image.manifest());
      entry.put("imageManifestMediaType", image.mediaType());
    }
    return response;
  }

  private static ObjectNode batchDeleteImage(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    ObjectNode response = Json.object();
    ArrayNode deleted = response.putArray("imageIds");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode id : Json.objects(call.input(), "imageIds")) {
      Resolution resolution = resolve(repository, id);
      ImageRecord image = resolution.image();
      if (image == null) {
        failures.add(resolution.failure());
        continue;
      }
      String tag = Json.text(id, "imageTag");
      boolean deletesImage = Json.text(id, "imageDigest") != null || image.tags().size() <= 1;
      if (deletesImage) {
        List<String> parents = repository.parentsOf(image.digest());
        if (!parents.isEmpty()) {
          failures.add(
              failure(
                      id,
                      "ImageReferencedByManifestList",
                      "Requested image referenced by manifest list: " + parents)
                  .failure());
          continue;
        }
        List<String> tags = image.tags();
        repository.deleteImage(image.digest());
        if (tags.isEmpty()) {
          deleted.add(imageId(image.digest(), null));
        }
        for (String removed : tags) {
          deleted.add(imageId(image.digest(), removed));
        }
      } else {
        repository.untag(tag == null ? "" : tag);
        deleted.add(imageId(image.digest(), tag));
      }
    }
    return response;
  }

  /**
   * Returns true when {@code image} passes the {@code tagStatus} and {@code imageStatus} filter.
   */
  private static boolean passes(ImageRecord image, JsonNode filter) {
    String tagStatus = Json.text(filter, "tagStatus", "ANY");
    boolean tagged = !image.tags().isEmpty();
    if (tagStatus.equals("TAGGED") && !tagged || tagStatus.equals("UNTAGGED") && tagged) {
      return false;
    }
    // Listing and describing return only active images unless the filter asks for others.
    String imageStatus = Json.text(filter, "imageStatus", "ACTIVE");
    return switch (imageStatus) {
      case "ANY" -> true;
      case "ARCHIVED" -> image.archived();
      case "ACTIVATING" -> false;
      default -> !image.archived();
    };
  }

  private static ObjectNode listImages(Call call) {
    RepositoryState repository = call.registry().repository(call.text("repositoryName"));
    JsonNode filter = call.input().path("filter");
    List<ObjectNode> ids = new ArrayList<>();
    for (ImageRecord image : repository.images()) {
      if (!passes(image, filter)) {
        continue;
      }
      if (image.tags().isEmpty()) {
        ids.add(imageId(image.digest(), null));
      }
      for (String tag : image.tags()) {
        ids.add(imageId(image.digest(), tag));
      }
    }
    ids.sort(Comparator.comparing(ImageOperations::listKey));
    Page<ObjectNode> page =
        Page.of(ids, ImageOperations::listKey, call.input(), DEFAULT_PAGE_SIZE, call.operation());
    ObjectNode response = Json.object();
    response.putArray("imageIds").addAll(page.items());
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private static String listKey(ObjectNode id) {
    return Json.text(id, "imageDigest", "") + "\u0000" + Json.text(id, "imageTag", "");
  }

  private static ObjectNode describeImages(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    ObjectNode response = Json.object();
    ArrayNode details = response.putArray("imageDetails");
    List<JsonNode> ids = Json.objects(call.input(), "imageIds");
    if (!ids.isEmpty()) {
      if (call.input().has("maxResults") || call.input().has("nextToken")) {
        throw AwsError.invalidRequest(
            "Invalid parameter: maxResults and nextToken cannot be specified together with"
                + " imageIds.");
      }
      for (JsonNode id : ids) {
        Resolution resolution = resolve(repository, id);
        ImageRecord image = resolution.image();
        if (image == null) {
          throw imageNotFound(registry, repository, id);
        }
        details.add(detail(registry, repository, image));
      }
      return response;
    }

    JsonNode filter = call.input().path("filter");
    List<ImageRecord> images = new ArrayList<>();
    for (ImageRecord image : repository.images()) {
      if (passes(image, filter)) {
        images.add(image);
      }
    }
    Page<ImageRecord> page =
        Page.of(images, ImageRecord::digest, call.input(), DEFAULT_PAGE_SIZE, call.operation());
    page.items().forEach(image -> details.add(detail(registry, repository, image)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  /** Creates ECR's {@code ImageNotFoundException} for the image identifier {@code id}. */
  static AwsError imageNotFound(RegistryState registry, RepositoryState repository, JsonNode id) {
    return AwsError.of(
        "ImageNotFoundException",
        "The image with imageId "
            + imageIdText(id)
            + " does not exist within the repository with name '"
            + repository.name()
            + "' in the registry with id '"
            + registry.registryId()
            + "'");
  }

  /** Formats an image identifier as ECR's messages do: {@code {imageDigest:'d', imageTag:'t'}}. */
  static String imageIdText(JsonNode id) {
    return "{imageDigest:'"
        + Json.text(id, "imageDigest", "null")
        + "', imageTag:'"
        + Json.text(id, "imageTag", "null")
        + "'}";
  }

  /** Renders ECR's {@code ImageDetail}. */
  static ObjectNode detail(RegistryState registry, RepositoryState repository, ImageRecord image) {
    ObjectNode detail = Json.object();
    detail.put("registryId", registry.registryId());
    detail.put("repositoryName", repository.name());
    detail.put("imageDigest", image.digest());
    if (!image.tags().isEmpty()) {
      ArrayNode tags = detail.putArray("imageTags");
      image.tags().forEach(tags::add);
    }
    detail.put("imageSizeInBytes", image.sizeInBytes());
    Json.putTime(detail, "imagePushedAt", image.pushedAt());
    detail.put("imageManifestMediaType", image.mediaType());
    if (image.artifactMediaType() != null) {
      detail.put("artifactMediaType", image.artifactMediaType());
    }
    if (image.subjectDigest() != null) {
      detail.put("subjectManifestDigest", image.subjectDigest());
    }
    if (image.lastRecordedPullTime() != null) {
      Json.putTime(detail, "lastRecordedPullTime", image.lastRecordedPullTime());
    }
    Instant scannedAt = image.scanCompletedAt();
    if (scannedAt != null) {
      detail.set("imageScanStatus", ImageStatusOperations.completeScanStatus());
      detail.set("imageScanFindingsSummary", ImageStatusOperations.findingsSummary(scannedAt));
    }
    detail.put("imageStatus", image.archived() ? "ARCHIVED" : "ACTIVE");
    if (image.lastArchivedAt() != null) {
      Json.putTime(detail, "lastArchivedAt", image.lastArchivedAt());
    }
    if (image.lastActivatedAt() != null) {
      Json.putTime(detail, "lastActivatedAt", image.lastActivatedAt());
    }
    return detail;
  }

  /**
   * Moves an image to ARCHIVE or back to STANDARD. Restoring is immediate: the emulator has no
   * ACTIVATING period.
   */
  private static ObjectNode updateImageStorageClass(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    JsonNode id = call.input().path("imageId");
    Resolution resolution = resolve(repository, id);
    ImageRecord image = resolution.image();
    if (image == null) {
      throw AwsError.of(
          "ImageNotFoundException",
          "The image with imageId {imageDigest:'"
              + Json.text(id, "imageDigest", "null")
              + "', imageTag:'"
              + Json.text(id, "imageTag", "null")
              + "'} does not exist within the repository with name '"
              + repository.name()
              + "' in the registry with id '"
              + registry.registryId()
              + "'");
    }
    if (call.text("targetStorageClass").equals("ARCHIVE")) {
      image.archive(call.now());
    } else {
      image.restore(call.now());
    }
    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.set("imageId", imageId(image.digest(), Json.text(id, "imageTag")));
    response.put("imageStatus", image.archived() ? "ARCHIVED" : "ACTIVE");
    return response;
  }

  private static ObjectNode listImageReferrers(Call call) {
    RepositoryState repository = call.registry().repository(call.text("repositoryName"));
    String subject = Json.text(call.input().path("subjectId"), "imageDigest", "");
    JsonNode filter = call.input().path("filter");
    List<String> artifactTypes = Json.strings(filter, "artifactTypes");
    String status = Json.text(filter, "artifactStatus", "ACTIVE");
    List<ImageRecord> referrers = new ArrayList<>();
    for (ImageRecord image : repository.images()) {
      boolean statusMatches =
          status.equals("ANY") || status.equals(image.archived() ? "ARCHIVED" : "ACTIVE");
      boolean typeMatches =
          artifactTypes.isEmpty()
              || image.artifactMediaType() != null
                  && artifactTypes.contains(image.artifactMediaType());
      if (subject.equals(image.subjectDigest()) && statusMatches && typeMatches) {
        referrers.add(image);
      }
    }
    Page<ImageRecord> page =
        Page.of(
            referrers,
            ImageRecord::digest,
            call.input(),
            DEFAULT_REFERRER_PAGE_SIZE,
            call.operation());
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("referrers");
    for (ImageRecord image : page.items()) {
      ObjectNode referrer = list.addObject();
      referrer.put("digest", image.digest());
      referrer.put("mediaType", image.mediaType());
      if (image.artifactMediaType() != null) {
        referrer.put("artifactType", image.artifactMediaType());
      }
      referrer.put("size", image.manifest().getBytes(StandardCharsets.UTF_8).length);
      referrer.put("artifactStatus", image.archived() ? "ARCHIVED" : "ACTIVE");
    }
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }
}
