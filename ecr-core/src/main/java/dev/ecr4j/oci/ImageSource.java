package dev.ecr4j.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Source of an image: a root manifest (an image manifest or an index), the manifests it lists, and
 * blobs by descriptor. Implementations: {@link OciLayout}, {@link DockerArchive}, {@link
 * OciArchive}, and the registry client's remote images.
 *
 * <p>Blobs are opened as streams, and may be opened again (a retried upload reads a blob twice), so
 * no implementation keeps a whole layer in memory.
 */
public interface ImageSource extends Closeable {

  /** Returns the root manifest: what a tag or reference names. */
  Manifest manifest() throws IOException;

  /**
   * Returns the manifest {@code descriptor} names, a child of an index or a subject.
   *
   * @throws IOException when the manifest is missing or cannot be read
   */
  Manifest manifest(Descriptor descriptor) throws IOException;

  /**
   * Opens the blob {@code descriptor} names. The caller closes the stream and verifies the digest
   * where it matters.
   *
   * @throws IOException when the blob is missing or cannot be read
   */
  InputStream openBlob(Descriptor descriptor) throws IOException;

  /** Releases what the source holds, such as temporary files; does nothing by default. */
  @Override
  default void close() throws IOException {}

  /**
   * Returns the manifest of {@code platform}'s image in {@code source}: the matching child of an
   * index, or the root image itself when its config names that platform. A platform without a
   * variant matches every variant.
   *
   * @throws IllegalArgumentException when the index has no image for {@code platform}, when the
   *     root image is for another platform, or when the root is not an image whose config names a
   *     platform; the message names the platforms the source has
   * @throws IOException when a manifest or the config cannot be read
   */
  static Manifest platformManifest(ImageSource source, Platform platform) throws IOException {
    return PlatformView.select(source, platform);
  }

  /**
   * Returns a view of {@code source} whose root is {@code platform}'s image, as {@link
   * #platformManifest} selects it. Closing the view closes {@code source}.
   *
   * @throws IllegalArgumentException when the source has no image for {@code platform}
   * @throws IOException when a manifest or the config cannot be read
   */
  static ImageSource forPlatform(ImageSource source, Platform platform) throws IOException {
    return new PlatformView(source, PlatformView.select(source, platform));
  }
}
