package dev.ecr4j.registry;

import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.ImageSource;
import dev.ecr4j.oci.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifests and blobs under a root manifest: child manifests in the order they must be stored
 * (children before the index that lists them) and each blob once, however many images share it.
 */
final class ImageTree {

  // An index of indexes deeper than this is malformed or hostile.
  private static final int MAX_DEPTH = 8;

  final Manifest root;
  final List<Manifest> children = new ArrayList<>();
  final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();

  private ImageTree(Manifest root) {
    this.root = root;
  }

  /** Reads every manifest under {@code root} from {@code source}. */
  static ImageTree of(ImageSource source, Manifest root) throws IOException {
    ImageTree tree = new ImageTree(root);
    tree.visit(source, root, 0);
    return tree;
  }

  private void visit(ImageSource source, Manifest manifest, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException(
          "Index " + manifest.digest() + " nests more than " + MAX_DEPTH + " levels of indexes");
    }
    if (manifest instanceof ImageManifest) {
      for (Descriptor blob : ((ImageManifest) manifest).blobs()) {
        blobs.putIfAbsent(blob.digest(), blob);
      }
      return;
    }
    for (Descriptor childDescriptor : ((ImageIndex) manifest).manifests()) {
      Manifest child = source.manifest(childDescriptor);
      visit(source, child, depth + 1);
      children.add(child);
    }
  }

  long totalBlobBytes() {
    return blobs.values().stream().mapToLong(Descriptor::size).sum();
  }
}
