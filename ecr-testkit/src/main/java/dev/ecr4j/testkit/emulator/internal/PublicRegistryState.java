package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The ECR Public registry of one account: public repositories with their catalog data and images,
 * and the registry's display name. ECR Public lives in us-east-1 only. Guarded by its own monitor.
 */
final class PublicRegistryState {

  private final String registryId;
  private final String alias;
  private @Nullable String displayName;
  private final Map<String, PublicRepository> repositories = new TreeMap<>();

  PublicRegistryState(String registryId, String alias) {
    this.registryId = registryId;
    this.alias = alias;
  }

  String registryId() {
    return registryId;
  }

  /** Returns the default alias, which public repository URIs use. */
  String alias() {
    return alias;
  }

  @Nullable String displayName() {
    return displayName;
  }

  void setDisplayName(@Nullable String displayName) {
    this.displayName = displayName;
  }

  Map<String, PublicRepository> repositories() {
    return repositories;
  }

  /**
   * The image an image tag points to, and when the tag was applied.
   *
   * @param digest the manifest digest of the image
   * @param createdAt when the tag was put on this image
   */
  record ImageTag(String digest, Instant createdAt) {}

  /** One public repository. */
  static final class PublicRepository {
    final String name;
    final Instant createdAt;

    /** Resource tags, which TagResource sets. */
    final Map<String, String> tags = new LinkedHashMap<>();

    @Nullable JsonNode catalogData;
    @Nullable String policyText;

    /** Images by manifest digest, in digest order, which DescribeImages pages by. */
    final Map<String, ImageRecord> images = new TreeMap<>();

    /** Image tags in tag order, which DescribeImageTags pages by. */
    final Map<String, ImageTag> imageTags = new TreeMap<>();

    PublicRepository(String name, Instant createdAt) {
      this.name = name;
      this.createdAt = createdAt;
    }

    /** Puts {@code tag} on {@code image}, moving it from the image that had it. */
    void tag(String tag, ImageRecord image, Instant now) {
      ImageTag previous = imageTags.get(tag);
      if (previous != null) {
        ImageRecord holder = images.get(previous.digest());
        if (holder != null) {
          holder.removeTag(tag);
        }
      }
      image.addTag(tag);
      imageTags.put(tag, new ImageTag(image.digest(), now));
    }

    /** Removes {@code tag}; the image stays, untagged if it was its last tag. */
    void untag(String tag) {
      ImageTag removed = imageTags.remove(tag);
      if (removed != null) {
        ImageRecord holder = images.get(removed.digest());
        if (holder != null) {
          holder.removeTag(tag);
        }
      }
    }

    /** Removes the image with {@code digest} and all its tags. */
    void deleteImage(String digest) {
      ImageRecord image = images.remove(digest);
      if (image != null) {
        image.tags().forEach(imageTags::remove);
      }
    }

    /** Returns the digests of the indexes in this repository that list {@code digest}. */
    List<String> parentsOf(String digest) {
      List<String> parents = new ArrayList<>();
      for (ImageRecord image : images.values()) {
        if (image.childDigests().contains(digest)) {
          parents.add(image.digest());
        }
      }
      return parents;
    }
  }
}
