package dev.ecr4j.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Identifies an image by digest, by tag, or by both, as ECR's {@code ImageIdentifier} does.
 *
 * @param digest the manifest digest, such as {@code sha256:...}, or {@code null}
 * @param tag the tag, or {@code null}
 */
public record ImageId(@Nullable String digest, @Nullable String tag) {

  // ECR's imageTag limit.
  private static final int MAX_TAG_LENGTH = 300;

  public ImageId {
    if (digest == null && tag == null) {
      throw new IllegalArgumentException("an image id needs a digest, a tag or both");
    }
    if (tag != null && (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH)) {
      throw new IllegalArgumentException(
          "image tag must be 1 to " + MAX_TAG_LENGTH + " characters, but has " + tag.length());
    }
    if (digest != null && !digest.contains(":")) {
      throw new IllegalArgumentException(
          "image digest '" + digest + "' must be <algorithm>:<hex>, such as sha256:...");
    }
  }

  /** Returns the id of the image with tag {@code tag}. */
  public static ImageId tag(String tag) {
    return new ImageId(null, tag);
  }

  /** Returns the id of the image with digest {@code digest}. */
  public static ImageId digest(String digest) {
    return new ImageId(digest, null);
  }

  /** Returns the digest, if known. */
  public Optional<String> digestValue() {
    return Optional.ofNullable(digest);
  }

  /** Returns the tag, if known. */
  public Optional<String> tagValue() {
    return Optional.ofNullable(tag);
  }

  @Override
  public String toString() {
    if (digest == null) {
      return ":" + tag;
    }
    return tag == null ? "@" + digest : ":" + tag + "@" + digest;
  }
}
