package dev.ecr4j.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An image index (OCI) or manifest list (Docker): manifests by digest, usually one per platform.
 * Instances keep the exact bytes they were parsed from.
 */
public final class ImageIndex implements Manifest {

  private final byte[] bytes;
  private final Digest digest;
  private final String mediaType;
  private final List<Descriptor> manifests;
  private final @Nullable Descriptor subject;
  private final @Nullable String artifactType;
  private final Map<String, String> annotations;

  private ImageIndex(
      byte[] bytes,
      String mediaType,
      List<Descriptor> manifests,
      @Nullable Descriptor subject,
      @Nullable String artifactType,
      Map<String, String> annotations) {
    this.bytes = bytes;
    this.digest = Digest.sha256(bytes);
    this.mediaType = mediaType;
    this.manifests = List.copyOf(manifests);
    this.subject = subject;
    this.artifactType = artifactType;
    this.annotations = Map.copyOf(annotations);
  }

  /** Returns a new OCI image index of {@code manifests}. */
  public static ImageIndex of(List<Descriptor> manifests) {
    return of(manifests, Map.of());
  }

  /** Returns a new OCI image index of {@code manifests} with {@code annotations}. */
  public static ImageIndex of(List<Descriptor> manifests, Map<String, String> annotations) {
    ObjectNode node = OciJson.object();
    node.put("schemaVersion", 2);
    node.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifestsNode = node.putArray("manifests");
    manifests.forEach(manifest -> manifestsNode.add(OciJson.descriptor(manifest)));
    OciJson.putAnnotations(node, annotations);
    return new ImageIndex(
        OciJson.write(node), MediaTypes.OCI_INDEX, manifests, null, null, annotations);
  }

  static ImageIndex fromJson(byte[] bytes, ObjectNode node, String mediaType) {
    List<Descriptor> manifests = new ArrayList<>();
    JsonNode manifestsNode = node.get("manifests");
    if (manifestsNode != null && manifestsNode.isArray()) {
      for (int i = 0; i < manifestsNode.size(); i++) {
        manifests.add(OciJson.descriptor(manifestsNode.get(i), "Index manifests[" + i + "]"));
      }
    }
    JsonNode subjectNode = node.get("subject");
    Descriptor subject =
        subjectNode == null || subjectNode.isNull()
            ? null
            : OciJson.descriptor(subjectNode, "Index subject");
    return new ImageIndex(
        bytes.clone(),
        mediaType,
        manifests,
        subject,
        OciJson.text(node, "artifactType"),
        OciJson.stringMap(node, "annotations"));
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public Digest digest() {
    return digest;
  }

  /** Returns the descriptors of the manifests this index lists. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /**
   * Returns the first manifest whose platform matches {@code platform}, as {@link Platform#matches}
   * decides.
   */
  public Optional<Descriptor> select(Platform platform) {
    return manifests.stream()
        .filter(manifest -> manifest.platform() != null && platform.matches(manifest.platform()))
        .findFirst();
  }

  @Override
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  @Override
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  @Override
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public String toString() {
    return "ImageIndex{" + mediaType + ", " + digest + ", manifests=" + manifests.size() + "}";
  }
}
