package dev.ecr4j.testkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Image metadata of ECR Public repositories: PutImage, DescribeImages, DescribeImageTags and
 * BatchDeleteImage. {@link PublicOperations} dispatches to these methods.
 *
 * <p>The emulator never raises {@code ImageTagAlreadyExistsException}, which ECR Public's model
 * lists for PutImage, because ECR Public's CreateRepository has no tag mutability setting. A tag
 * moves to the newest image that is pushed with it.
 *
 * <p>NOTE: ECR Public's error texts for these operations are not observed. The texts are the
 * private plane's, which {@link ImageOperations} uses.
 */
final class PublicImageOperations {

  /** ECR Public's page size for DescribeImages and DescribeImageTags when maxResults is absent. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  private PublicImageOperations() {}

  /**
   * Stores a manifest and tags it. Like the private plane's PutImage, it checks that an index lists
   * only images of the repository, but not that the layers a manifest lists were uploaded.
   */
  static ObjectNode putImage(Call call) {
    PublicRegistryState registry = PublicOperations.registry(call);
    PublicRegistryState.PublicRepository repository =
        PublicOperations.repository(registry, call.text("repositoryName"));
    String manifestText = call.text("imageManifest");
    String tag = Json.text(call.input(), "imageTag");

    // 1. The manifest must be JSON; its digest is the SHA-256 of the bytes as sent.
    JsonNode manifest = Json.parseDocument(manifestText);
    if (manifest == null || !manifest.isObject()) {
      throw AwsError.invalidParameter("ImageManifest", "Invalid JSON syntax");
    }
    String digest =
        "sha256:"
            + SigV4Verifier.hex(
                SigV4Verifier.sha256(manifestText.getBytes(StandardCharsets.UTF_8)));
    String givenDigest = Json.text(call.input(), "imageDigest");
    if (givenDigest != null && !givenDigest.equals(digest)) {
      throw AwsError.of(
          "ImageDigestDoesNotMatchException",
          "Provided digest '"
              + givenDigest
              + "' does not match the digest of the image manifest '"
              + digest
              + "'");
    }
    String mediaType =
        ImageOperations.mediaType(Json.text(call.input(), "imageManifestMediaType"), manifest);
    if (tag == null && mediaType.equals(ImageOperations.DOCKER_SCHEMA1)) {
      throw AwsError.invalidRequest("You must specify the image tag for this image type");
    }

    // 2. An index may list only images that the repository has.
    List<String> children = new ArrayList<>();
    for (JsonNode child : Json.objects(manifest, "manifests")) {
      String childDigest = Json.text(child, "digest");
      if (childDigest != null) {
        children.add(childDigest);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String child : children) {
      if (!repository.images.containsKey(child)) {
        missing.add(child);
      }
    }
    if (!missing.isEmpty()) {
      throw AwsError.of(
          "ReferencedImagesNotFoundException",
          "Some of the images referenced by the manifest list do not exist in the repository: "
              + missing);
    }

    // 3. The same manifest again, with no tag or with a tag it already has, is rejected.
    ImageRecord existing = repository.images.get(digest);
    if (existing != null && (tag == null || existing.tags().contains(tag))) {
      throw AwsError.of(
          "ImageAlreadyExistsException",
          "Image with digest '"
              + digest
              + "'"
              + (tag == null ? "" : " and tag '" + tag + "'")
              + " already exists in the repository with name '"
              + repository.name
              + "' in registry with id '"
              + registry.registryId()
              + "'");
    }

    // 4. Store and tag.
    ImageRecord image = existing;
    if (image == null) {
      image =
          new ImageRecord(
              digest,
              manifestText,
              mediaType,
              ImageOperations.artifactType(manifest),
              Json.text(manifest.path("subject"), "digest"),
              children,
              ImageOperations.blobDigests(manifest),
              size(repository, manifest, children),
              call.now());
      repository.images.put(digest, image);
    }
    if (tag != null) {
      repository.tag(tag, image, call.now());
    }

    ObjectNode response = Json.object();
    ObjectNode body = response.putObject("image");
    body.put("registryId", registry.registryId());
    body.put("repositoryName", repository.name);
    body.set("imageId", ImageOperations.imageId(digest, tag));
    body.put("imageManifest", manifestText);
    body.put("imageManifestMediaType", mediaType);
    return response;
  }

  /**
   * Returns an image's size as ECR Public reports it: the layer sizes a manifest declares, and for
   * an index the largest size of the images it lists.
   */
  private static long size(
      PublicRegistryState.PublicRepository repository, JsonNode manifest, List<String> children) {
    if (children.isEmpty()) {
      return ImageOperations.size(manifest);
    }
    long max = 0;
    for (String child : children) {
      ImageRecord image = repository.images.get(child);
      if (image != null) {
        max = Math.max(max, image.sizeInBytes());
      }
    }
    return max;
  }

  /** The result of resolving an {@code ImageIdentifier}: an image, or an {@code ImageFailure}. */
  private static ImageOperations.Resolution resolve(
      PublicRegistryState.PublicRepository repository, JsonNode id) {
    String digest = Json.text(id, "imageDigest");
    String tag = Json.text(id, "imageTag");
    if (digest == null && tag == null) {
      return ImageOperations.failure(
          id,
          "MissingDigestAndTag",
          "Invalid request parameters: both tag and digest cannot be null");
    }
    if (digest != null && !ImageOperations.DIGEST.matcher(digest).matches()) {
      return ImageOperations.failure(
          id,
          "InvalidImageDigest",
          "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
    }
    ImageRecord image;
    if (digest != null) {
      image = repository.images.get(digest);
    } else {
      PublicRegistryState.ImageTag tagged = repository.imageTags.get(tag);
      image = tagged == null ? null : repository.images.get(tagged.digest());
    }
    if (image == null) {
      return ImageOperations.failure(id, "ImageNotFound", "Requested image not found");
    }
    if (tag != null && !image.tags().contains(tag)) {
      return ImageOperations.failure(
          id,
          "ImageTagDoesNotMatchDigest",
          "Invalid request parameters: image tag does not match digest");
    }
    return new ImageOperations.Resolution(image, null);
  }

  static ObjectNode describeImages(Call call) {
    PublicRegistryState registry = PublicOperations.registry(call);
    PublicRegistryState.PublicRepository repository =
        PublicOperations.repository(registry, call.text("repositoryName"));
    ObjectNode response = Json.object();
    ArrayNode details = response.putArray("imageDetails");

    // Named images: every one must exist, and paging does not apply.
    List<JsonNode> ids = Json.objects(call.input(), "imageIds");
    if (!ids.isEmpty()) {
      if (call.input().has("maxResults") || call.input().has("nextToken")) {
        throw AwsError.invalidRequest(
            "Invalid parameter: maxResults and nextToken cannot be specified together with"
                + " imageIds.");
      }
      for (JsonNode id : ids) {
        ImageRecord image = resolve(repository, id).image();
        if (image == null) {
          throw imageNotFound(registry, repository, id);
        }
        details.add(detail(registry, repository, image));
      }
      return response;
    }

    List<ImageRecord> images = new ArrayList<>(repository.images.values());
    Page<ImageRecord> page =
        Page.of(images, ImageRecord::digest, call.input(), DEFAULT_PAGE_SIZE, call.operation());
    page.items().forEach(image -> details.add(detail(registry, repository, image)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private static AwsError imageNotFound(
      PublicRegistryState registry, PublicRegistryState.PublicRepository repository, JsonNode id) {
    return AwsError.of(
        "ImageNotFoundException",
        "The image with imageId "
            + ImageOperations.imageIdText(id)
            + " does not exist within the repository with name '"
            + repository.name
            + "' in the registry with id '"
            + registry.registryId()
            + "'");
  }

  /** Renders ECR Public's {@code ImageDetail}. */
  private static ObjectNode detail(
      PublicRegistryState registry,
      PublicRegistryState.PublicRepository repository,
      ImageRecord image) {
    ObjectNode detail = Json.object();
    detail.put("registryId", registry.registryId());
    detail.put("repositoryName", repository.name);
    detail.put("imageDigest", image.digest());
    if (!image.tags().isEmpty()) {
      ArrayNode tags = detail.putArray("imageTags");
      image.tags().forEach(tags::add);
    }
    putImageFields(detail, image);
    return detail;
  }

  /** Puts the members that {@code ImageDetail} and {@code ReferencedImageDetail} share. */
  private static void putImageFields(ObjectNode target, ImageRecord image) {
    target.put("imageSizeInBytes", image.sizeInBytes());
    Json.putTime(target, "imagePushedAt", image.pushedAt());
    target.put("imageManifestMediaType", image.mediaType());
    if (image.artifactMediaType() != null) {
      target.put("artifactMediaType", image.artifactMediaType());
    }
  }

  static ObjectNode describeImageTags(Call call) {
    PublicRegistryState registry = PublicOperations.registry(call);
    PublicRegistryState.PublicRepository repository =
        PublicOperations.repository(registry, call.text("repositoryName"));
    List<Map.Entry<String, PublicRegistryState.ImageTag>> tags =
        new ArrayList<>(repository.imageTags.entrySet());
    Page<Map.Entry<String, PublicRegistryState.ImageTag>> page =
        Page.of(tags, Map.Entry::getKey, call.input(), DEFAULT_PAGE_SIZE, call.operation());

    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("imageTagDetails");
    for (Map.Entry<String, PublicRegistryState.ImageTag> entry : page.items()) {
      ImageRecord image = repository.images.get(entry.getValue().digest());
      if (image == null) {
        continue;
      }
      ObjectNode detail = list.addObject();
      detail.put("imageTag", entry.getKey());
      Json.putTime(detail, "createdAt", entry.getValue().createdAt());
      ObjectNode referenced = detail.putObject("imageDetail");
      referenced.put("imageDigest", image.digest());
      putImageFields(referenced, image);
    }
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  /**
   * Deletes images. An id with only a tag removes that tag, and removes the image with its last
   * tag. An id with a digest removes the image and all its tags. An image that an index lists is
   * kept.
   */
  static ObjectNode batchDeleteImage(Call call) {
    PublicRegistryState registry = PublicOperations.registry(call);
    PublicRegistryState.PublicRepository repository =
        PublicOperations.repository(registry, call.text("repositoryName"));
    ObjectNode response = Json.object();
    ArrayNode deleted = response.putArray("imageIds");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode id : Json.objects(call.input(), "imageIds")) {
      ImageOperations.Resolution resolution = resolve(repository, id);
      ImageRecord image = resolution.image();
      if (image == null) {
        failures.add(resolution.failure());
        continue;
      }
      String tag = Json.text(id, "imageTag");
      boolean deletesImage = Json.text(id, "imageDigest") != null || image.tags().size() <= 1;
      if (!deletesImage) {
        repository.untag(tag == null ? "" : tag);
        deleted.add(ImageOperations.imageId(image.digest(), tag));
        continue;
      }
      List<String> parents = repository.parentsOf(image.digest());
      if (!parents.isEmpty()) {
        failures.add(
            ImageOperations.failure(
                    id,
                    "ImageReferencedByManifestList",
                    "Requested image referenced by manifest list: " + parents)
                .failure());
        continue;
      }
      List<String> removedTags = image.tags();
      repository.deleteImage(image.digest());
      if (removedTags.isEmpty()) {
        deleted.add(ImageOperations.imageId(image.digest(), null));
      }
      for (String removed : removedTags) {
        deleted.add(ImageOperations.imageId(image.digest(), removed));
      }
    }
    return response;
  }
}
