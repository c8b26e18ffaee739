package dev.ecr4j.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/**
 * Writes one blob to a temporary file while digesting it, and moves it into place only when size
 * and digest match the descriptor. A download that fails midway continues from {@link #written()}.
 */
public final class BlobWriter extends OutputStream {

  private final Descriptor descriptor;
  private final Path temporary;
  private final Path target;
  private OutputStream out;
  private MessageDigest hash;
  private long written;
  private boolean closed;

  BlobWriter(Descriptor descriptor, Path temporary, Path target) throws IOException {
    this.descriptor = descriptor;
    this.temporary = temporary;
    this.target = target;
    this.out = Files.newOutputStream(temporary);
    this.hash = descriptor.digest().newHash();
  }

  /** Returns the number of bytes written so far. */
  public long written() {
    return written;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    if (written + length > descriptor.size()) {
      throw new IOException(
          "Blob "
              + descriptor.digest()
              + " is longer than the "
              + descriptor.size()
              + " bytes its descriptor states");
    }
    out.write(buffer, offset, length);
    hash.update(buffer, offset, length);
    written += length;
  }

  /**
   * Verifies size and digest, then moves the blob into place.
   *
   * @throws IOException when the size or digest differs from the descriptor; the partial file is
   *     deleted
   */
  public void commit() throws IOException {
    out.close();
    closed = true;
    if (written != descriptor.size()) {
      abort();
      throw new IOException(
          "Blob "
              + descriptor.digest()
              + " has "
              + written
              + " bytes, but its descriptor states "
              + descriptor.size());
    }
    Digest actual = Digest.finish(hash);
    if (!actual.equals(descriptor.digest())) {
      abort();
      throw new DigestMismatchException(descriptor.digest(), actual, "blob");
    }
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Discards what was written and starts again at byte 0, for a server that cannot resume a
   * download at an offset.
   */
  public void restart() throws IOException {
    out.close();
    out = Files.newOutputStream(temporary);
    hash = descriptor.digest().newHash();
    written = 0;
  }

  /** Discards what was written. */
  public void abort() throws IOException {
    if (!closed) {
      out.close();
      closed = true;
    }
    Files.deleteIfExists(temporary);
  }

  /** Discards the blob unless it was committed. */
  @Override
  public void close() throws IOException {
    if (!closed || Files.exists(temporary)) {
      abort();
    }
  }
}
