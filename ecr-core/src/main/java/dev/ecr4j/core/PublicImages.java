package dev.ecr4j.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on the images of ECR Public repositories: list images and tags, put a manifest and
 * delete images. Obtained from {@link Ecr4jPublicClient#images()}; thread-safe.
 *
 * <p>Repository names, page sizes and manifests are checked locally against ECR Public's API model
 * before anything is sent.
 *
 * @throws NotFoundException from any method whose repository does not exist
 * @throws IllegalArgumentException from any method given input outside ECR Public's limits
 */
public final class PublicImages {

  private static final int PAGE_SIZE = PublicInput.MAX_PAGE_SIZE;

  private final PublicCalls calls;

  PublicImages(PublicCalls calls) {
    this.calls = calls;
  }

  /** Returns every image of the repository, fetching pages of 1,000 as the stream is read. */
  public Stream<PublicImage> list(String repositoryName) {
    return list(repositoryName, PAGE_SIZE);
  }

  /**
   * Returns every image of the repository, fetching pages of {@code pageSize} as the stream is
   * read.
   *
   * @param pageSize ECR Public's {@code maxResults}, from 1 to 1,000
   * @throws IllegalArgumentException when the name or the page size is invalid
   */
  public Stream<PublicImage> list(String repositoryName, int pageSize) {
    PublicInput.repositoryName(repositoryName);
    PublicInput.pageSize(pageSize);
    return Pages.stream(
        token -> {
          ObjectNode request = pageRequest(repositoryName, pageSize, token);
          JsonNode response = calls.call("DescribeImages", request);
          List<PublicImage> items = new ArrayList<>();
          for (JsonNode detail : response.path("imageDetails")) {
            items.add(image(detail));
          }
          return new Pages.Page<>(items, PublicCalls.optionalText(response, "nextToken"));
        });
  }

  /** Returns every tag of the repository, fetching pages of 1,000 as the stream is read. */
  public Stream<PublicImageTag> tags(String repositoryName) {
    return tags(repositoryName, PAGE_SIZE);
  }

  /**
   * Returns every tag of the repository with the image it points to, fetching pages of {@code
   * pageSize} as the stream is read.
   *
   * @param pageSize ECR Public's {@code maxResults}, from 1 to 1,000
   * @throws IllegalArgumentException when the name or the page size is invalid
   */
  public Stream<PublicImageTag> tags(String repositoryName, int pageSize) {
    PublicInput.repositoryName(repositoryName);
    PublicInput.pageSize(pageSize);
    return Pages.stream(
        token -> {
          ObjectNode request = pageRequest(repositoryName, pageSize, token);
          JsonNode response = calls.call("DescribeImageTags", request);
          List<PublicImageTag> items = new ArrayList<>();
          for (JsonNode detail : response.path("imageTagDetails")) {
            items.add(imageTag(detail));
          }
          return new Pages.Page<>(items, PublicCalls.optionalText(response, "nextToken"));
        });
  }

  /**
   * Stores a manifest, tagged with {@code tag} when it is not null, and returns the image's id.
   * Idempotent: when ECR Public already has the manifest under that tag (or untagged, without a
   * tag), it returns the id of the stored image. Push the layers first: ECR Public checks that they
   * exist.
   *
   * @param mediaType the manifest media type, or null to let ECR Public read it from the manifest
   * @throws IllegalArgumentException when the name, the manifest length or the tag is invalid
   * @throws Ecr4jServiceException with code {@code LayersNotFoundException} or {@code
   *     ReferencedImagesNotFoundException} when what the manifest lists is missing
   */
  public ImageId put(
      String repositoryName, String manifest, @Nullable String mediaType, @Nullable String tag) {
    PublicInput.repositoryName(repositoryName);
    PublicInput.manifest(manifest);
    if (tag != null) {
      // ImageId checks the tag's length.
      ImageId.tag(tag);
    }

    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", repositoryName);
    request.put("imageManifest", manifest);
    if (mediaType != null) {
      request.put("imageManifestMediaType", mediaType);
    }
    if (tag != null) {
      request.put("imageTag", tag);
    }
    try {
      JsonNode imageId = calls.call("PutImage", request).path("image").path("imageId");
      return new ImageId(
          PublicCalls.optionalText(imageId, "imageDigest"),
          PublicCalls.optionalText(imageId, "imageTag"));
    } catch (AlreadyExistsException e) {
      // ImageAlreadyExistsException means this exact manifest is stored with this tag, so the
      // image's digest is the SHA-256 of the manifest's bytes.
      return new ImageId(digest(manifest), tag);
    }
  }

  /**
   * Deletes images. An id with only a tag removes that tag, and removes the image with its last
   * tag. An id with a digest removes the image and all its tags. Lists of more than 100 ids are
   * sent in calls of 100. Images that could not be deleted are in {@link BatchResult#failures()}
   * with ECR Public's failure code, such as {@code ImageNotFound}.
   *
   * @return the ids ECR Public reports as deleted, one per removed tag, and the failures
   */
  public BatchResult<ImageId> delete(String repositoryName, List<ImageId> ids) {
    PublicInput.repositoryName(repositoryName);
    PublicInput.imageIds(ids);

    List<ImageId> deleted = new ArrayList<>();
    List<ImageFailure> failures = new ArrayList<>();
    for (int start = 0; start < ids.size(); start += PublicInput.MAX_IMAGE_IDS) {
      List<ImageId> chunk =
          ids.subList(start, Math.min(ids.size(), start + PublicInput.MAX_IMAGE_IDS));
      ObjectNode request = PublicCalls.request();
      request.put("repositoryName", repositoryName);
      ArrayNode list = request.putArray("imageIds");
      chunk.forEach(id -> list.add(identifier(id)));

      JsonNode response = calls.call("BatchDeleteImage", request);
      for (JsonNode id : response.path("imageIds")) {
        deleted.add(imageId(id));
      }
      for (JsonNode failure : response.path("failures")) {
        failures.add(
            new ImageFailure(
                imageId(failure.path("imageId")),
                PublicCalls.text(failure, "failureCode"),
                PublicCalls.text(failure, "failureReason")));
      }
    }
    return new BatchResult<>(deleted, failures);
  }

  private static ObjectNode pageRequest(
      String repositoryName, int pageSize, @Nullable String token) {
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", repositoryName);
    request.put("maxResults", pageSize);
    if (token != null) {
      request.put("nextToken", token);
    }
    return request;
  }

  private static ObjectNode identifier(ImageId id) {
    ObjectNode node = PublicCalls.request();
    id.digestValue().ifPresent(digest -> node.put("imageDigest", digest));
    id.tagValue().ifPresent(tag -> node.put("imageTag", tag));
    return node;
  }

  /**
   * Reads an {@code ImageIdentifier} of a response. Every id this class sends has a digest or a
   * tag, so a response id with neither is malformed.
   */
  private static ImageId imageId(JsonNode node) {
    String digest = PublicCalls.optionalText(node, "imageDigest");
    String tag = PublicCalls.optionalText(node, "imageTag");
    if (digest == null && tag == null) {
      throw new Ecr4jException(
          "BatchDeleteImage returned an image id with neither imageDigest nor imageTag: " + node);
    }
    return new ImageId(digest, tag);
  }

  private static PublicImage image(JsonNode node) {
    return new PublicImage(
        PublicCalls.text(node, "repositoryName"),
        PublicCalls.text(node, "imageDigest"),
        PublicCalls.strings(node, "imageTags"),
        node.path("imageSizeInBytes").asLong(0),
        PublicCalls.instant(node, "imagePushedAt"),
        PublicCalls.optionalText(node, "imageManifestMediaType"),
        PublicCalls.optionalText(node, "artifactMediaType"));
  }

  private static PublicImageTag imageTag(JsonNode node) {
    JsonNode image = node.path("imageDetail");
    return new PublicImageTag(
        PublicCalls.text(node, "imageTag"),
        PublicCalls.instant(node, "createdAt"),
        PublicCalls.text(image, "imageDigest"),
        image.path("imageSizeInBytes").asLong(0),
        PublicCalls.instant(image, "imagePushedAt"),
        PublicCalls.optionalText(image, "imageManifestMediaType"),
        PublicCalls.optionalText(image, "artifactMediaType"));
  }

  private static String digest(String manifest) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
