package dev.ecr4j.oci;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A manifest as stored: an image manifest or an index, with the exact bytes its digest covers.
 * Registries and layouts address a manifest by the digest of these bytes, so they are never
 * re-serialized.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {

  /**
   * The largest manifest accepted: 4 MiB, ECR's limit on {@code imageManifest} and the size the OCI
   * distribution specification requires registries to accept at least.
   */
  int MAX_SIZE = 4 * 1024 * 1024;

  /** Returns the media type: one of the four manifest types of {@link MediaTypes}. */
  String mediaType();

  /** Returns a copy of the bytes as stored. */
  byte[] bytes();

  /** Returns the sha256 digest of the bytes. */
  Digest digest();

  /** Returns the manifest this one refers to (OCI 1.1 {@code subject}), if any. */
  Optional<Descriptor> subject();

  /** Returns the OCI 1.1 artifact type, if any. */
  Optional<String> artifactType();

  /** Returns the annotations; empty when none. */
  Map<String, String> annotations();

  /** Returns the descriptor of this manifest, with its artifact type. */
  default Descriptor descriptor() {
    return Descriptor.of(mediaType(), digest(), bytes().length)
        .withArtifactType(artifactType().orElse(null));
  }

  /**
   * Parses manifest bytes. The media type comes from the document's {@code mediaType} field, then
   * from {@code contentType} (a registry's {@code Content-Type}), then from its shape (an OCI index
   * has {@code manifests}, an OCI manifest has {@code config}).
   *
   * @throws IllegalArgumentException when the bytes exceed {@link #MAX_SIZE}, are not JSON, or are
   *     not an image manifest or index (for example a Docker schema 1 manifest)
   */
  static Manifest parse(byte[] bytes, @Nullable String contentType) {
    if (bytes.length > MAX_SIZE) {
      throw new IllegalArgumentException(
          "Manifest of "
              + bytes.length
              + " bytes exceeds the limit of "
              + MAX_SIZE
              + " bytes (4 MiB); registries such as ECR reject larger manifests");
    }
    ObjectNode node = OciJson.readObject(bytes, "Manifest");
    String mediaType = OciJson.text(node, "mediaType");
    if (mediaType == null && contentType != null) {
      String bare = contentType.split(";", 2)[0].trim();
      mediaType = MediaTypes.isManifest(bare) ? bare : null;
    }
    if (mediaType == null) {
      mediaType = node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    if (MediaTypes.isIndex(mediaType)) {
      return ImageIndex.fromJson(bytes, node, mediaType);
    }
    if (MediaTypes.isImageManifest(mediaType)) {
      return ImageManifest.fromJson(bytes, node, mediaType);
    }
    throw new IllegalArgumentException(
        "Unsupported manifest media type '"
            + mediaType
            + "': expected an OCI manifest or index, or a Docker schema 2 manifest or manifest"
            + " list");
  }
}
