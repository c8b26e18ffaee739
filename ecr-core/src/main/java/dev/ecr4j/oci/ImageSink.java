package dev.ecr4j.oci;

import java.io.IOException;
import java.util.Optional;

/**
 * Destination of an image, written in this order: blobs first, then child manifests, then the root
 * manifest with its tag. {@link OciLayout} is the implementation in this package.
 */
public interface ImageSink {

  /** Returns whether the sink already has the blob or manifest {@code digest}. */
  boolean contains(Digest digest) throws IOException;

  /**
   * Starts writing the blob that {@code descriptor} identifies. The writer checks size and digest
   * when committed, so nothing unverified is ever stored.
   */
  BlobWriter newBlob(Descriptor descriptor) throws IOException;

  /**
   * Stores {@code manifest}. With a tag, the manifest becomes a root of the sink under that name.
   * Without one, it is stored by digest only, as the children of an index are.
   */
  void putManifest(Manifest manifest, Optional<String> tag) throws IOException;
}
