package dev.ecr4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI image layout directory: {@code oci-layout}, {@code index.json} and {@code
 * blobs/<algorithm>/<hex>}, as umoci, skopeo ({@code oci:DIR:TAG}) and buildah read and write it.
 *
 * <p>Tags are the {@code org.opencontainers.image.ref.name} annotations of the entries of {@code
 * index.json}. Blobs are written to a temporary file, verified, and moved into place, so the
 * directory never contains a blob whose content does not match its name.
 *
 * <p>Thread-safe within one process: blobs may be written in parallel, and {@code index.json}
 * updates are serialized. NOTE: two processes writing the same layout at once can lose a tag, as
 * with other tools, because {@code index.json} is rewritten as a whole.
 */
public final class OciLayout implements ImageSink {

  /** The annotation that carries a tag in {@code index.json}. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private static final String LAYOUT_FILE = "oci-layout";
  private static final String LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";
  private static final String INDEX_FILE = "index.json";

  private final Path root;
  private final Object indexLock = new Object();

  private OciLayout(Path root) {
    this.root = root;
  }

  /**
   * Opens an existing layout.
   *
   * @throws IOException when {@code directory} has no {@code oci-layout} file
   */
  public static OciLayout open(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isRegularFile(directory.resolve(LAYOUT_FILE))) {
      throw new NoSuchFileException(
          directory.toString(),
          null,
          "not an OCI image layout: it has no oci-layout file; create one with OciLayout.create");
    }
    return new OciLayout(directory);
  }

  /** Opens the layout at {@code directory}, creating the directory and its files when missing. */
  public static OciLayout create(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    Files.createDirectories(directory.resolve("blobs").resolve("sha256"));
    Path layoutFile = directory.resolve(LAYOUT_FILE);
    if (!Files.exists(layoutFile)) {
      Files.writeString(layoutFile, LAYOUT_CONTENT, StandardCharsets.UTF_8);
    }
    OciLayout layout = new OciLayout(directory);
    if (!Files.exists(directory.resolve(INDEX_FILE))) {
      layout.writeIndex(List.of());
    }
    return layout;
  }

  /** Returns the directory of this layout. */
  public Path directory() {
    return root;
  }

  /** Returns the path of the blob {@code digest}, whether or not it exists. */
  public Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** Returns the entries of {@code index.json}: the root manifests and their tags. */
  public List<Descriptor> roots() throws IOException {
    byte[] bytes = Files.readAllBytes(root.resolve(INDEX_FILE));
    return ImageIndex.fromJson(bytes, OciJson.readObject(bytes, INDEX_FILE), MediaTypes.OCI_INDEX)
        .manifests();
  }

  /** Returns the tags of the layout, in {@code index.json} order. */
  public List<String> tags() throws IOException {
    return roots().stream()
        .map(descriptor -> descriptor.annotations().get(REF_NAME))
        .filter(Objects::nonNull)
        .collect(Collectors.toList());
  }

  /**
   * Returns the image tagged {@code tag}.
   *
   * @throws IOException when no entry of {@code index.json} has that tag
   */
  public ImageSource image(String tag) throws IOException {
    for (Descriptor descriptor : roots()) {
      if (tag.equals(descriptor.annotations().get(REF_NAME))) {
        return new LayoutImage(descriptor);
      }
    }
    throw new NoSuchFileException(
        root.resolve(INDEX_FILE).toString(),
        null,
        "no image is tagged '" + tag + "'; the tags are " + tags());
  }

  /**
   * Returns the only image of the layout.
   *
   * @throws IOException when the layout has no image or more than one; name a tag then
   */
  public ImageSource image() throws IOException {
    List<Descriptor> roots = roots();
    if (roots.size() != 1) {
      throw new IOException(
          "The OCI layout "
              + root
              + " has "
              + roots.size()
              + " images, so a tag must name one; the tags are "
              + tags());
    }
    return new LayoutImage(roots.get(0));
  }

  @Override
  public boolean contains(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  @Override
  public BlobWriter newBlob(Descriptor descriptor) throws IOException {
    Path target = blobPath(descriptor.digest());
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
    return new BlobWriter(descriptor, temporary, target);
  }

  /** Stores {@code content} as a blob and returns its descriptor. */
  public Descriptor putBlob(String mediaType, byte[] content) throws IOException {
    Descriptor descriptor = Descriptor.of(mediaType, content);
    if (!contains(descriptor.digest())) {
      try (BlobWriter writer = newBlob(descriptor)) {
        writer.write(content);
        writer.commit();
      }
    }
    return descriptor;
  }

  /**
   * Moves the file {@code file}, whose digest is {@code digest}, into the blob store. The caller
   * computed the digest while writing the file.
   */
  void moveBlob(Path file, Digest digest) throws IOException {
    Path target = blobPath(digest);
    Files.createDirectories(target.getParent());
    Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void putManifest(Manifest manifest, Optional<String> tag) throws IOException {
    putBlob(manifest.mediaType(), manifest.bytes());
    if (tag.isEmpty()) {
      return;
    }
    Descriptor entry = manifest.descriptor().withAnnotations(Map.of(REF_NAME, tag.get()));
    synchronized (indexLock) {
      List<Descriptor> entries = new ArrayList<>();
      for (Descriptor existing : roots()) {
        if (!tag.get().equals(existing.annotations().get(REF_NAME))) {
          entries.add(existing);
        }
      }
      entries.add(entry);
      writeIndex(entries);
    }
  }

  /** Returns the manifest stored under {@code descriptor}'s digest. */
  public Manifest readManifest(Descriptor descriptor) throws IOException {
    Path path = blobPath(descriptor.digest());
    if (Files.size(path) > Manifest.MAX_SIZE) {
      throw new IOException(
          "Manifest " + descriptor.digest() + " exceeds " + Manifest.MAX_SIZE + " bytes (4 MiB)");
    }
    byte[] bytes = Files.readAllBytes(path);
    Digest actual = Digest.sha256(bytes);
    if (!actual.equals(descriptor.digest())) {
      throw new DigestMismatchException(descriptor.digest(), actual, "manifest");
    }
    return Manifest.parse(bytes, descriptor.mediaType());
  }

  private void writeIndex(List<Descriptor> entries) throws IOException {
    ObjectNode node = OciJson.object();
    node.put("schemaVersion", 2);
    node.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = node.putArray("manifests");
    entries.forEach(entry -> manifests.add(OciJson.descriptor(entry)));
    Path temporary = Files.createTempFile(root, ".index-", ".tmp");
    Files.write(temporary, OciJson.write(node));
    Files.move(
        temporary,
        root.resolve(INDEX_FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Returns the annotations of {@code node} as a sorted map; used by archive readers. */
  static Map<String, String> annotations(JsonNode node) {
    return new TreeMap<>(OciJson.stringMap(node, "annotations"));
  }

  @Override
  public String toString() {
    return "OciLayout{" + root + "}";
  }

  /** One root image of the layout. */
  private final class LayoutImage implements ImageSource {
    private final Descriptor root;

    LayoutImage(Descriptor root) {
      this.root = root;
    }

    @Override
    public Manifest manifest() throws IOException {
      return readManifest(root);
    }

    @Override
    public Manifest manifest(Descriptor descriptor) throws IOException {
      return readManifest(descriptor);
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
      return Files.newInputStream(blobPath(descriptor.digest()));
    }
  }
}
