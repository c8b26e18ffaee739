package dev.ecr4j.oci;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A reference to content by media type, digest and size: the unit manifests and indexes are made
 * of.
 *
 * @param mediaType the media type of the content
 * @param digest the digest of the content
 * @param size the size of the content in bytes
 * @param annotations annotations, sorted by key; empty when none
 * @param platform the platform of an index entry; {@code null} elsewhere
 * @param artifactType the artifact type of a manifest in an index or referrers list; {@code null}
 *     when not set
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    @Nullable Platform platform,
    @Nullable String artifactType) {

  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (mediaType.isBlank()) {
      throw new IllegalArgumentException("Descriptor of " + digest + " has an empty media type");
    }
    if (size < 0) {
      throw new IllegalArgumentException(
          "Descriptor of " + digest + " has a negative size " + size + "; sizes are in bytes");
    }
    annotations = Map.copyOf(new TreeMap<>(annotations));
  }

  /** Returns a descriptor with no annotations, platform or artifact type. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, Map.of(), null, null);
  }

  /** Returns the descriptor of {@code content}, digested with sha256. */
  public static Descriptor of(String mediaType, byte[] content) {
    return of(mediaType, Digest.sha256(content), content.length);
  }

  /** Returns this descriptor with {@code platform}. */
  public Descriptor withPlatform(@Nullable Platform platform) {
    return new Descriptor(mediaType, digest, size, annotations, platform, artifactType);
  }

  /** Returns this descriptor with {@code annotations} in place of the current ones. */
  public Descriptor withAnnotations(Map<String, String> annotations) {
    return new Descriptor(mediaType, digest, size, annotations, platform, artifactType);
  }

  /** Returns this descriptor with {@code artifactType}. */
  public Descriptor withArtifactType(@Nullable String artifactType) {
    return new Descriptor(mediaType, digest, size, annotations, platform, artifactType);
  }

  /** Returns the platform of an index entry. */
  public Optional<Platform> platformIfAny() {
    return Optional.ofNullable(platform);
  }
}
