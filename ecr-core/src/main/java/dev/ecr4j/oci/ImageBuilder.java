package dev.ecr4j.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds a single-platform OCI image from files into an {@link OciLayout}: one gzip-compressed
 * layer per {@link #addLayer} call, plus a config with entrypoint, command, environment, labels and
 * platform.
 *
 * <p>Layers are reproducible: entries are sorted, owned by root (0:0), dated at the epoch, and keep
 * only the executable bits of their permissions, so the same files give the same digests on any
 * machine. Symbolic links are stored as links, not followed. Layers are written to disk while being
 * digested, never held in memory.
 */
public final class ImageBuilder {

  private final ImageConfig.Builder config;
  private final List<LayerSpec> layers = new ArrayList<>();
  private final java.util.Map<String, String> annotations = new java.util.TreeMap<>();

  private record LayerSpec(Path source, String target) {}

  private ImageBuilder(Platform platform) {
    this.config = ImageConfig.builder(platform);
  }

  /** Returns a builder of an image for {@code platform}. */
  public static ImageBuilder create(Platform platform) {
    return new ImageBuilder(Objects.requireNonNull(platform, "platform"));
  }

  /**
   * Adds a layer with {@code source}, a file or a directory, placed at {@code targetPath} in the
   * image (an absolute path such as {@code /app}). A directory's content goes under the target.
   *
   * @throws IllegalArgumentException when the source does not exist or the target is not absolute
   */
  public ImageBuilder addLayer(Path source, String targetPath) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(targetPath, "targetPath");
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("Layer source " + source + " does not exist");
    }
    if (!targetPath.startsWith("/") || targetPath.contains("..")) {
      throw new IllegalArgumentException(
          "Invalid layer target '"
              + targetPath
              + "': expected an absolute path without '..', such as /app");
    }
    layers.add(new LayerSpec(source, targetPath));
    return this;
  }

  /** Sets the entrypoint. */
  public ImageBuilder entrypoint(List<String> entrypoint) {
    config.entrypoint(entrypoint);
    return this;
  }

  /** Sets the default arguments. */
  public ImageBuilder cmd(List<String> cmd) {
    config.cmd(cmd);
    return this;
  }

  /** Sets an environment variable. */
  public ImageBuilder env(String name, String value) {
    config.env(name, value);
    return this;
  }

  /** Sets a config label. */
  public ImageBuilder label(String key, String value) {
    config.label(key, value);
    return this;
  }

  /** Sets the working directory. */
  public ImageBuilder workingDir(String workingDir) {
    config.workingDir(workingDir);
    return this;
  }

  /** Sets the user. */
  public ImageBuilder user(String user) {
    config.user(user);
    return this;
  }

  /** Sets a manifest annotation. */
  public ImageBuilder annotation(String key, String value) {
    annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Writes the layers, config and manifest into {@code layout} under {@code tag}. */
  public ImageManifest build(OciLayout layout, String tag) throws IOException {
    List<Descriptor> layerDescriptors = new ArrayList<>();
    for (LayerSpec layer : layers) {
      layerDescriptors.add(writeLayer(layout, layer));
    }
    ImageConfig built = config.build();
    Descriptor configDescriptor = layout.putBlob(MediaTypes.OCI_CONFIG, built.bytes());
    ImageManifest manifest =
        ImageManifest.builder(configDescriptor)
            .layers(layerDescriptors)
            .annotations(annotations)
            .build();
    layout.putManifest(manifest, Optional.of(tag));
    return manifest;
  }

  /** Writes one layer; the uncompressed digest becomes a diff id of the config. */
  private Descriptor writeLayer(OciLayout layout, LayerSpec layer) throws IOException {
    Path temporary = Files.createTempFile(layout.directory(), ".layer-", ".tmp");
    MessageDigest compressedHash = Digest.newSha256();
    MessageDigest uncompressedHash = Digest.newSha256();
    try {
      try (OutputStream file = Files.newOutputStream(temporary);
          DigestOutputStream compressed = new DigestOutputStream(file, compressedHash);
          GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024);
          DigestOutputStream uncompressed = new DigestOutputStream(gzip, uncompressedHash);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(uncompressed)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        writeEntries(tar, layer);
        tar.finish();
      }
      Digest digest = Digest.fromHash(compressedHash.digest());
      config.diffId(Digest.fromHash(uncompressedHash.digest()));
      long size = Files.size(temporary);
      layout.moveBlob(temporary, digest);
      return Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, digest, size);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void writeEntries(TarArchiveOutputStream tar, LayerSpec layer) throws IOException {
    String target = layer.target().replaceAll("^/+", "").replaceAll("/+$", "");
    // Parent directories of the target, so the layer unpacks on an empty file system.
    StringBuilder parent = new StringBuilder();
    String[] parts = target.isEmpty() ? new String[0] : target.split("/");
    int parentCount =
        Files.isDirectory(layer.source(), LinkOption.NOFOLLOW_LINKS)
            ? parts.length
            : parts.length - 1;
    for (int i = 0; i < parentCount; i++) {
      parent.append(parts[i]).append('/');
      putDirectory(tar, parent.toString());
    }
    if (!Files.isDirectory(layer.source(), LinkOption.NOFOLLOW_LINKS)) {
      putPath(tar, layer.source(), target);
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(layer.source())) {
      paths =
          walk.filter(path -> !path.equals(layer.source()))
              .sorted(Comparator.comparing(path -> layer.source().relativize(path).toString()))
              .toList();
    }
    for (Path path : paths) {
      String relative = layer.source().relativize(path).toString().replace('\\', '/');
      putPath(tar, path, target.isEmpty() ? relative : target + "/" + relative);
    }
  }

  private static void putDirectory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setMode(040755);
    normalize(entry);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void putPath(TarArchiveOutputStream tar, Path path, String name)
      throws IOException {
    if (Files.isSymbolicLink(path)) {
      TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(path).toString());
      normalize(entry);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    } else if (Files.isDirectory(path)) {
      putDirectory(tar, name);
    } else if (Files.isRegularFile(path)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(Files.size(path));
      entry.setMode(isExecutable(path) ? 0100755 : 0100644);
      normalize(entry);
      tar.putArchiveEntry(entry);
      Files.copy(path, tar);
      tar.closeArchiveEntry();
    }
    // NOTE: sockets, FIFOs and devices are skipped; images rarely need them.
  }

  private static boolean isExecutable(Path path) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (UnsupportedOperationException e) {
      return Files.isExecutable(path);
    }
  }

  private static void normalize(TarArchiveEntry entry) {
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("");
    entry.setGroupName("");
    entry.setModTime(0);
  }
}
