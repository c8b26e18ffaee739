package dev.ecr4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Copies an image between local sources and sinks, such as an archive and a layout. */
public final class ImageCopier {

  // An index of indexes deeper than this is malformed or hostile.
  private static final int MAX_DEPTH = 8;
  private static final int BUFFER_SIZE = 64 * 1024;

  private ImageCopier() {}

  /**
   * Copies the image of {@code source} into {@code sink} under {@code tag}: every blob the sink
   * lacks, verified by digest, then the child manifests, then the root.
   *
   * @return the root manifest
   */
  public static Manifest copy(ImageSource source, ImageSink sink, String tag) throws IOException {
    Manifest root = source.manifest();
    copyTree(source, sink, root, 0);
    sink.putManifest(root, Optional.of(tag));
    return root;
  }

  private static void copyTree(ImageSource source, ImageSink sink, Manifest manifest, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException(
          "Index " + manifest.digest() + " nests more than " + MAX_DEPTH + " levels");
    }
    if (manifest instanceof ImageManifest) {
      for (Descriptor blob : ((ImageManifest) manifest).blobs()) {
        copyBlob(source, sink, blob);
      }
      return;
    }
    for (Descriptor child : ((ImageIndex) manifest).manifests()) {
      Manifest childManifest = source.manifest(child);
      copyTree(source, sink, childManifest, depth + 1);
      sink.putManifest(childManifest, Optional.empty());
    }
  }

  private static void copyBlob(ImageSource source, ImageSink sink, Descriptor blob)
      throws IOException {
    if (sink.contains(blob.digest())) {
      return;
    }
    try (InputStream in = source.openBlob(blob);
        BlobWriter writer = sink.newBlob(blob)) {
      byte[] buffer = new byte[BUFFER_SIZE];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        writer.write(buffer, 0, read);
      }
      writer.commit();
    }
  }
}
