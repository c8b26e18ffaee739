package dev.ecr4j.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An image manifest, OCI or Docker schema 2: a config and layers, plus an optional OCI 1.1 subject
 * and artifact type. Instances keep the exact bytes they were parsed from.
 */
public final class ImageManifest implements Manifest {

  private final byte[] bytes;
  private final Digest digest;
  private final String mediaType;
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final @Nullable Descriptor subject;
  private final @Nullable String artifactType;
  private final Map<String, String> annotations;

  private ImageManifest(
      byte[] bytes,
      String mediaType,
      Descriptor config,
      List<Descriptor> layers,
      @Nullable Descriptor subject,
      @Nullable String artifactType,
      Map<String, String> annotations) {
    this.bytes = bytes;
    this.digest = Digest.sha256(bytes);
    this.mediaType = mediaType;
    this.config = config;
    this.layers = List.copyOf(layers);
    this.subject = subject;
    this.artifactType = artifactType;
    this.annotations = Map.copyOf(annotations);
  }

  /** Returns a new OCI image manifest of {@code config} and {@code layers}. */
  public static ImageManifest of(Descriptor config, List<Descriptor> layers) {
    return builder(config).layers(layers).build();
  }

  /** Returns a builder of an OCI image manifest with {@code config}. */
  public static Builder builder(Descriptor config) {
    return new Builder(config);
  }

  static ImageManifest fromJson(byte[] bytes, ObjectNode node, String mediaType) {
    Descriptor config = OciJson.descriptor(node.get("config"), "Manifest config");
    List<Descriptor> layers = new ArrayList<>();
    JsonNode layersNode = node.get("layers");
    if (layersNode != null && layersNode.isArray()) {
      for (int i = 0; i < layersNode.size(); i++) {
        layers.add(OciJson.descriptor(layersNode.get(i), "Manifest layers[" + i + "]"));
      }
    }
    JsonNode subjectNode = node.get("subject");
    Descriptor subject =
        subjectNode == null || subjectNode.isNull()
            ? null
            : OciJson.descriptor(subjectNode, "Manifest subject");
    return new ImageManifest(
        bytes.clone(),
        mediaType,
        config,
        layers,
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

  /** Returns the config descriptor. */
  public Descriptor config() {
    return config;
  }

  /** Returns the layer descriptors, base layer first. */
  public List<Descriptor> layers() {
    return layers;
  }

  /** Returns the config and the layers: every blob this manifest needs. */
  public List<Descriptor> blobs() {
    List<Descriptor> blobs = new ArrayList<>(layers.size() + 1);
    blobs.add(config);
    blobs.addAll(layers);
    return blobs;
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
    return "ImageManifest{" + mediaType + ", " + digest + ", layers=" + layers.size() + "}";
  }

  /** Builds an OCI image manifest, rendered with the field order of the OCI specification. */
  public static final class Builder {
    private final Descriptor config;
    private final List<Descriptor> layers = new ArrayList<>();
    private @Nullable Descriptor subject;
    private @Nullable String artifactType;
    private Map<String, String> annotations = Map.of();

    private Builder(Descriptor config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Adds {@code layers} after the layers added so far. */
    public Builder layers(List<Descriptor> layers) {
      this.layers.addAll(layers);
      return this;
    }

    /** Adds one layer. */
    public Builder layer(Descriptor layer) {
      this.layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /** Sets the subject, the manifest this artifact refers to (OCI 1.1). */
    public Builder subject(@Nullable Descriptor subject) {
      this.subject = subject;
      return this;
    }

    /** Sets the artifact type (OCI 1.1). */
    public Builder artifactType(@Nullable String artifactType) {
      this.artifactType = artifactType;
      return this;
    }

    /** Sets the annotations. */
    public Builder annotations(Map<String, String> annotations) {
      this.annotations = Map.copyOf(annotations);
      return this;
    }

    /** Renders and returns the manifest. */
    public ImageManifest build() {
      ObjectNode node = OciJson.object();
      node.put("schemaVersion", 2);
      node.put("mediaType", MediaTypes.OCI_MANIFEST);
      if (artifactType != null) {
        node.put("artifactType", artifactType);
      }
      node.set("config", OciJson.descriptor(config));
      ArrayNode layersNode = node.putArray("layers");
      layers.forEach(layer -> layersNode.add(OciJson.descriptor(layer)));
      if (subject != null) {
        node.set("subject", OciJson.descriptor(subject));
      }
      OciJson.putAnnotations(node, annotations);
      byte[] rendered = OciJson.write(node);
      return new ImageManifest(
          rendered, MediaTypes.OCI_MANIFEST, config, layers, subject, artifactType, annotations);
    }
  }
}
