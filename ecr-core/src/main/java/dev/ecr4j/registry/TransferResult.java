package dev.ecr4j.registry;

import dev.ecr4j.oci.Digest;
import java.util.Objects;

/**
 * The outcome of a push, pull or copy.
 *
 * @param reference the image written, with its digest
 * @param digest the digest of the root manifest
 * @param blobsTransferred blobs sent or received
 * @param blobsExisting blobs the destination already had
 * @param blobsMounted blobs mounted from another repository
 * @param bytesTransferred bytes of the blobs sent or received
 */
public record TransferResult(
    String reference,
    Digest digest,
    int blobsTransferred,
    int blobsExisting,
    int blobsMounted,
    long bytesTransferred) {

  public TransferResult {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
  }
}
