package dev.ecr4j.oci;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code docker save} archive: a tar with {@code manifest.json}, which lists each image's config
 * file, tags and layer files.
 *
 * <p>Reading accepts both the classic layout ({@code <id>/layer.tar}) and the OCI-based one of
 * Docker 25 and later ({@code blobs/sha256/<hex>}). The image becomes an OCI manifest whose layers
 * are the archive's layer files as they are (uncompressed tars, or gzip when compressed), so their
 * digests equal the config's diff ids. Writing produces the Docker 25 layout, which {@code docker
 * load} reads.
 */
public final class DockerArchive {

  private static final String MANIFEST_FILE = "manifest.json";

  private DockerArchive() {}

  /**
   * Opens the image tagged {@code repoTag} (such as {@code app:1.0}) of the archive, or its only
   * image when {@code repoTag} is null. The archive is extracted under {@code workDirectory}, which
   * closing the source deletes; extraction rejects entries and links that leave it.
   *
   * @throws IOException when the archive is unreadable, malformed, or has no such image
   */
  public static ImageSource read(Path archive, @Nullable String repoTag, Path workDirectory)
      throws IOException {
    Path directory = Files.createTempDirectory(workDirectory, "docker-archive-");
    try {
      TarArchives.extract(archive, directory);
      return new OciArchive.ExtractedImage(image(directory, archive, repoTag), directory);
    } catch (IOException | RuntimeException e) {
      TarArchives.deleteRecursively(directory);
      throw e;
    }
  }

  /**
   * Writes the image of {@code source}, a single-platform image, as a {@code docker save} archive
   * tagged {@code repoTag}.
   *
   * @throws IllegalArgumentException when the source is an index; pull one platform first
   */
  public static void write(ImageSource source, Path archive, String repoTag, Path workDirectory)
      throws IOException {
    Manifest root = source.manifest();
    if (!(root instanceof ImageManifest)) {
      throw new IllegalArgumentException(
          "A docker archive contains single-platform images only, but the source is an index of "
              + ((ImageIndex) root).manifests().size()
              + " images; select one platform");
    }
    ImageManifest manifest = (ImageManifest) root;
    Path directory = Files.createTempDirectory(workDirectory, "docker-archive-");
    try {
      OciLayout layout = OciLayout.create(directory);
      ImageCopier.copy(source, layout, repoTag);

      ObjectNode entry = OciJson.object();
      entry.put("Config", "blobs/sha256/" + manifest.config().digest().hex());
      entry.putArray("RepoTags").add(repoTag);
      ArrayNode layers = entry.putArray("Layers");
      manifest.layers().forEach(layer -> layers.add("blobs/sha256/" + layer.digest().hex()));
      ArrayNode document = OciJson.array();
      document.add(entry);
      Files.write(directory.resolve(MANIFEST_FILE), OciJson.write(document));
      TarArchives.create(directory, archive);
    } finally {
      TarArchives.deleteRecursively(directory);
    }
  }

  private static ImageSource image(Path directory, Path archive, @Nullable String repoTag)
      throws IOException {
    Path manifestFile = directory.resolve(MANIFEST_FILE);
    if (!Files.isRegularFile(manifestFile)) {
      throw new NoSuchFileException(
          archive.toString(), null, "not a docker save archive: it has no manifest.json");
    }
    JsonNode document = OciJson.MAPPER.readTree(Files.readAllBytes(manifestFile));
    if (!document.isArray() || document.isEmpty()) {
      throw new IOException("The manifest.json of " + archive + " lists no image");
    }
    JsonNode chosen = null;
    List<String> allTags = new ArrayList<>();
    for (JsonNode entry : document) {
      JsonNode tags = entry.get("RepoTags");
      if (tags != null && tags.isArray()) {
        for (JsonNode tag : tags) {
          allTags.add(tag.asString());
          if (repoTag != null && shortName(tag.asString()).equals(shortName(repoTag))) {
            chosen = entry;
          }
        }
      }
    }
    if (repoTag == null) {
      if (document.size() != 1) {
        throw new IOException(
            "The archive "
                + archive
                + " has "
                + document.size()
                + " images; name one of "
                + allTags);
      }
      chosen = document.get(0);
    }
    if (chosen == null) {
      throw new IOException(
          "The archive " + archive + " has no image tagged '" + repoTag + "'; it has " + allTags);
    }

    Map<Digest, Path> blobs = new HashMap<>();
    Path configPath =
        inside(directory, OciJson.requireText(chosen, "Config", "manifest.json entry"), archive);
    byte[] config = Files.readAllBytes(configPath);
    Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    blobs.put(configDescriptor.digest(), configPath);

    ImageManifest.Builder manifest = ImageManifest.builder(configDescriptor);
    JsonNode layers = chosen.get("Layers");
    if (layers != null && layers.isArray()) {
      for (JsonNode layer : layers) {
        Path layerPath = inside(directory, layer.asString(), archive);
        Digest digest = Digest.sha256(layerPath);
        String mediaType =
            isGzip(layerPath) ? MediaTypes.OCI_LAYER_TAR_GZIP : MediaTypes.OCI_LAYER_TAR;
        manifest.layer(Descriptor.of(mediaType, digest, Files.size(layerPath)));
        blobs.put(digest, layerPath);
      }
    }
    return new FileImage(manifest.build(), blobs);
  }

  /**
   * Drops Docker Hub's implicit prefixes, so {@code docker.io/library/app:1} matches {@code app:1}.
   */
  private static String shortName(String repoTag) {
    String name = repoTag;
    if (name.startsWith("docker.io/")) {
      name = name.substring("docker.io/".length());
    }
    if (name.startsWith("library/")) {
      name = name.substring("library/".length());
    }
    return name;
  }

  private static Path inside(Path directory, String name, Path archive) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root) || !Files.isRegularFile(path)) {
      throw new IOException(
          "The manifest.json of "
              + archive
              + " names '"
              + name
              + "', which is not a file in the archive");
    }
    return path;
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** An image whose manifest is built in memory and whose blobs are files. */
  private static final class FileImage implements ImageSource {
    private final ImageManifest manifest;
    private final Map<Digest, Path> blobs;

    FileImage(ImageManifest manifest, Map<Digest, Path> blobs) {
      this.manifest = manifest;
      this.blobs = Map.copyOf(blobs);
    }

    @Override
    public Manifest manifest() {
      return manifest;
    }

    @Override
    public Manifest manifest(Descriptor descriptor) throws IOException {
      throw new NoSuchFileException(
          descriptor.digest().toString(), null, "a docker archive image has no child manifests");
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
      Path path = blobs.get(descriptor.digest());
      if (path == null) {
        throw new NoSuchFileException(
            descriptor.digest().toString(), null, "not in the docker archive");
      }
      return Files.newInputStream(path);
    }
  }
}
