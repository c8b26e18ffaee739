package dev.ecr4j.oci;

import java.io.IOException;
import java.util.Optional;

/**
 * Where an image is written to: blobs first, then child manifests, then the root manifest with its
 * tag. {@link OciLayout} is the implementation in this package.
 */
public interface ImageSink {

  /** Returns whether the sink already has the blob or manifest {@code digest}. */
  boolean contains(Digest digest) throws IOException;

  /**
   * Starts writing the blob {@code descriptor} names. The writer checks size and digest when
   * committed, so nothing unverified is ever stored.
   */
  BlobWriter newBlob(Descriptor descriptor) throws IOException;

  /**
   * Stores {@code manifest}. With a tag it becomes a root of the sink under that name; without one
   * it is stored by digest only, as the children of an index are.
   */
  void putManifest(Manifest manifest, Optional<String> tag) throws IOException;
}
