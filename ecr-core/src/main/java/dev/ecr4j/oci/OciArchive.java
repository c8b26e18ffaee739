package dev.ecr4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An OCI archive: a tar of an OCI image layout, as {@code skopeo copy ... oci-archive:FILE} and
 * buildah write it.
 */
public final class OciArchive {

  private OciArchive() {}

  /**
   * Opens the image tagged {@code tag} (or the only image, when {@code tag} is null) of the
   * archive. The archive is extracted into a temporary directory under {@code workDirectory}, which
   * closing the source deletes. Extraction rejects entries and links that leave that directory.
   */
  public static ImageSource read(Path archive, @Nullable String tag, Path workDirectory)
      throws IOException {
    Path directory = Files.createTempDirectory(workDirectory, "oci-archive-");
    try {
      TarArchives.extract(archive, directory);
      if (!Files.isRegularFile(directory.resolve("oci-layout"))) {
        // Named here, because OciLayout's message would name the temporary directory.
        throw new IOException(
            "Archive "
                + archive
                + " is not an OCI archive: it has no oci-layout file at its root. A docker save"
                + " archive is read as docker-archive:FILE instead");
      }
      OciLayout layout = OciLayout.open(directory);
      ImageSource image = tag == null ? layout.image() : layout.image(tag);
      return new ExtractedImage(image, directory);
    } catch (IOException | RuntimeException e) {
      TarArchives.deleteRecursively(directory);
      throw e;
    }
  }

  /** Writes the image of {@code source} as an OCI archive with the tag {@code tag}. */
  public static void write(ImageSource source, Path archive, String tag, Path workDirectory)
      throws IOException {
    Path directory = Files.createTempDirectory(workDirectory, "oci-archive-");
    try {
      OciLayout layout = OciLayout.create(directory);
      ImageCopier.copy(source, layout, tag);
      TarArchives.create(directory, archive);
    } finally {
      TarArchives.deleteRecursively(directory);
    }
  }

  /** An image read from an extracted directory, which closing deletes. */
  static final class ExtractedImage implements ImageSource {
    private final ImageSource image;
    private final Path directory;

    ExtractedImage(ImageSource image, Path directory) {
      this.image = image;
      this.directory = directory;
    }

    @Override
    public Manifest manifest() throws IOException {
      return image.manifest();
    }

    @Override
    public Manifest manifest(Descriptor descriptor) throws IOException {
      return image.manifest(descriptor);
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
      return image.openBlob(descriptor);
    }

    @Override
    public void close() throws IOException {
      TarArchives.deleteRecursively(directory);
    }
  }
}
