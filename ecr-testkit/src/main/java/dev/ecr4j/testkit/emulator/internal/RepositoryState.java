package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One private repository: its settings, policies, tags and images. Images are indexed by digest and
 * by tag so that the control plane and the registry API share them. Guarded by the lock of its
 * registry.
 */
public final class RepositoryState {

  private final String name;
  private final String registryId;
  private final String region;
  private final String uri;
  private final Instant createdAt;
  private final JsonNode encryptionConfiguration;
  private String imageTagMutability;
  private List<JsonNode> mutabilityExclusionFilters;
  private boolean scanOnPush;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private @Nullable String policyText;
  private @Nullable String lifecyclePolicyText;
  private @Nullable Instant lifecycleEvaluatedAt;
  private @Nullable LifecyclePreviewResult preview;
  private final Map<String, ImageRecord> imagesByDigest = new TreeMap<>();
  private final Map<String, String> digestsByTag = new TreeMap<>();
  private final Set<String> blobs = new HashSet<>();

  RepositoryState(
      String name,
      String registryId,
      String region,
      String uri,
      Instant createdAt,
      String imageTagMutability,
      List<JsonNode> mutabilityExclusionFilters,
      boolean scanOnPush,
      JsonNode encryptionConfiguration) {
    this.name = name;
    this.registryId = registryId;
    this.region = region;
    this.uri = uri;
    this.createdAt = createdAt;
    this.imageTagMutability = imageTagMutability;
    this.mutabilityExclusionFilters = List.copyOf(mutabilityExclusionFilters);
    this.scanOnPush = scanOnPush;
    this.encryptionConfiguration = encryptionConfiguration;
  }

  /** Returns the repository name. */
  public String name() {
    return name;
  }

  /** Returns the twelve-digit account id of the registry. */
  public String registryId() {
    return registryId;
  }

  /** Returns the repository ARN. */
  public String arn() {
    return "arn:aws:ecr:" + region + ":" + registryId + ":repository/" + name;
  }

  /** Returns the URI that registry clients use, {@code 127.0.0.1:PORT/ACCOUNT/REGION/NAME}. */
  public String uri() {
    return uri;
  }

  Instant createdAt() {
    return createdAt;
  }

  JsonNode encryptionConfiguration() {
    return encryptionConfiguration;
  }

  String imageTagMutability() {
    return imageTagMutability;
  }

  List<JsonNode> mutabilityExclusionFilters() {
    return mutabilityExclusionFilters;
  }

  void setImageTagMutability(String mutability, List<JsonNode> exclusionFilters) {
    this.imageTagMutability = mutability;
    this.mutabilityExclusionFilters = List.copyOf(exclusionFilters);
  }

  /**
   * Returns true when {@code tag} cannot be moved to another image: the repository is IMMUTABLE and
   * no exclusion filter matches, or it is MUTABLE_WITH_EXCLUSION and a filter matches.
   */
  public boolean isTagImmutable(String tag) {
    boolean excluded = false;
    for (JsonNode filter : mutabilityExclusionFilters) {
      String pattern = Json.text(filter, "filter", "");
      if (Wildcards.matches(pattern, tag)) {
        excluded = true;
        break;
      }
    }
    return switch (imageTagMutability) {
      case "IMMUTABLE" -> true;
      case "IMMUTABLE_WITH_EXCLUSION" -> !excluded;
      case "MUTABLE_WITH_EXCLUSION" -> excluded;
      default -> false;
    };
  }

  boolean scanOnPush() {
    return scanOnPush;
  }

  void setScanOnPush(boolean scanOnPush) {
    this.scanOnPush = scanOnPush;
  }

  Map<String, String> tags() {
    return tags;
  }

  @Nullable String policyText() {
    return policyText;
  }

  void setPolicyText(@Nullable String policyText) {
    this.policyText = policyText;
  }

  @Nullable String lifecyclePolicyText() {
    return lifecyclePolicyText;
  }

  void setLifecyclePolicyText(@Nullable String text) {
    this.lifecyclePolicyText = text;
  }

  @Nullable Instant lifecycleEvaluatedAt() {
    return lifecycleEvaluatedAt;
  }

  void setLifecycleEvaluatedAt(Instant time) {
    this.lifecycleEvaluatedAt = time;
  }

  /**
   * Returns the digests of the blobs this repository may serve: uploaded to it, mounted into it or
   * replicated to it.
   */
  Set<String> blobs() {
    return blobs;
  }

  /** Returns the sorted tags of the repository. */
  List<String> tagNames() {
    return new ArrayList<>(digestsByTag.keySet());
  }

  @Nullable LifecyclePreviewResult preview() {
    return preview;
  }

  void setPreview(@Nullable LifecyclePreviewResult preview) {
    this.preview = preview;
  }

  /** Returns every image, ordered by digest. */
  public List<ImageRecord> images() {
    return new ArrayList<>(imagesByDigest.values());
  }

  /** Returns the image with {@code digest}. */
  public Optional<ImageRecord> imageByDigest(String digest) {
    return Optional.ofNullable(imagesByDigest.get(digest));
  }

  /** Returns the image that {@code tag} points at. */
  public Optional<ImageRecord> imageByTag(String tag) {
    String digest = digestsByTag.get(tag);
    return digest == null ? Optional.empty() : imageByDigest(digest);
  }

  /** Returns true when the repository has no image. */
  public boolean isEmpty() {
    return imagesByDigest.isEmpty();
  }

  /** Stores {@code image}, replacing nothing: the caller checked that its digest is new. */
  public void addImage(ImageRecord image) {
    imagesByDigest.put(image.digest(), image);
  }

  /**
   * Points {@code tag} at {@code image}, removing it from the image it pointed at before. The
   * caller has checked immutability.
   */
  public void tag(String tag, ImageRecord image) {
    String previous = digestsByTag.put(tag, image.digest());
    if (previous != null && !previous.equals(image.digest())) {
      ImageRecord old = imagesByDigest.get(previous);
      if (old != null) {
        old.removeTag(tag);
      }
    }
    image.addTag(tag);
  }

  /** Removes {@code tag}; the image stays, untagged if it was its last tag. */
  public void untag(String tag) {
    String digest = digestsByTag.remove(tag);
    if (digest != null) {
      ImageRecord image = imagesByDigest.get(digest);
      if (image != null) {
        image.removeTag(tag);
      }
    }
  }

  /** Deletes the image with {@code digest} and every tag that points at it. */
  public void deleteImage(String digest) {
    ImageRecord image = imagesByDigest.remove(digest);
    if (image != null) {
      for (String tag : image.tags()) {
        digestsByTag.remove(tag);
      }
    }
  }

  /** Returns the digests of the indexes that list {@code digest} as a child. */
  List<String> parentsOf(String digest) {
    List<String> parents = new ArrayList<>();
    for (ImageRecord image : imagesByDigest.values()) {
      if (image.childDigests().contains(digest)) {
        parents.add(image.digest());
      }
    }
    return parents;
  }
}
