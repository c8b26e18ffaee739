package dev.ecr4j.registry;

import dev.ecr4j.oci.Digest;
import java.util.Objects;

/**
 * One step of a push, pull or copy. Byte progress of a blob arrives at most every 100 ms per blob,
 * plus once when it completes.
 *
 * @param kind what happened
 * @param digest the blob or manifest concerned
 * @param bytes bytes transferred so far in the current attempt (for {@link Kind#PROGRESS} and
 *     {@link Kind#COMPLETED}); 0 otherwise
 * @param size the size of the blob or manifest in bytes
 * @param detail a short text: the tag of a manifest, or the reason of a retry; empty otherwise
 */
public record ProgressEvent(Kind kind, Digest digest, long bytes, long size, String detail) {

  /** Kind of step that a blob or manifest went through. */
  public enum Kind {
    /** A transfer started. */
    STARTED,
    /** Bytes were transferred. */
    PROGRESS,
    /** The destination already had the blob, so nothing was sent. */
    EXISTS,
    /** The blob was mounted from another repository of the same registry. */
    MOUNTED,
    /** A transfer failed and is retried. {@code detail} contains the reason. */
    RETRYING,
    /** A blob transfer completed and was verified. */
    COMPLETED,
    /** A manifest was stored. {@code detail} contains the tag, or is empty for a digest. */
    MANIFEST
  }

  public ProgressEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(detail, "detail");
  }
}
