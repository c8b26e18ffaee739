package dev.ecr4j.testkit.emulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Blobs (layers and configs) by digest, shared by every registry of the emulator, and the upload
 * sessions that create them. The registry API ({@code /v2/}) and the control plane's layer
 * operations use the same sessions, so an upload may start on one and finish on the other.
 *
 * <p>Files: {@code blobs/sha256/<hex>} for stored blobs and {@code uploads/<uuid>} for uploads in
 * progress, under the emulator's storage directory. Which repository may read a blob is recorded in
 * {@link RepositoryState#blobs()}, not here.
 */
public final class BlobStore {

  /** ECR's minimum size of every part but the last: 5 MiB. */
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** The only digest algorithm ECR accepts for blobs. */
  static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  private final Path blobs;
  private final Path uploads;
  private final ConcurrentMap<String, Upload> sessions = new ConcurrentHashMap<>();

  /**
   * Creates the store under {@code directory}.
   *
   * @throws UncheckedIOException when the directories cannot be created
   */
  public BlobStore(Path directory) {
    this.blobs = directory.resolve("blobs").resolve("sha256");
    this.uploads = directory.resolve("uploads");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(uploads);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the blob directories under " + directory, e);
    }
  }

  /** Returns the file of a stored blob, if the store has it. */
  Optional<Path> find(String digest) {
    if (!SHA256_DIGEST.matcher(digest).matches()) {
      return Optional.empty();
    }
    Path file = blobs.resolve(digest.substring("sha256:".length()));
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Returns the size of a stored blob, or -1 when the store does not have it. */
  long size(String digest) {
    return find(digest)
        .map(
            file -> {
              try {
                return Files.size(file);
              } catch (IOException e) {
                return -1L;
              }
            })
        .orElse(-1L);
  }

  /** Starts an upload session for {@code repository} in the registry {@code registryKey}. */
  Upload start(String registryId, String region, String repository) {
    String id = UUID.randomUUID().toString();
    Upload upload = new Upload(id, registryId, region, repository, uploads.resolve(id));
    try {
      Files.createFile(upload.file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the upload file " + upload.file, e);
    }
    sessions.put(id, upload);
    return upload;
  }

  /** Returns the upload session {@code id}, if it is in progress. */
  Optional<Upload> upload(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  /** Ends an upload session and deletes its file; a finished or unknown id is ignored. */
  void cancel(String id) {
    Upload upload = sessions.remove(id);
    if (upload != null) {
      upload.deleteFile();
    }
  }

  /**
   * Moves a finished upload into the store under {@code digest}, which the caller has checked. A
   * blob that is already stored keeps its file.
   */
  void commit(Upload upload, String digest) {
    sessions.remove(upload.id);
    Path target = blobs.resolve(digest.substring("sha256:".length()));
    try {
      if (Files.exists(target)) {
        upload.deleteFile();
      } else {
        Files.move(upload.file, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store blob " + digest, e);
    }
  }

  /** Deletes every blob and upload, for a reset of the emulator. */
  void clear() {
    for (String id : new ArrayList<>(sessions.keySet())) {
      cancel(id);
    }
    try (var files = Files.list(blobs)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the blobs under " + blobs, e);
    }
  }

  /**
   * One upload in progress: its file, the running SHA-256 of what it received, and the sizes of its
   * parts for ECR's 5 MiB rule. Appends hold the session's monitor, so parts never interleave.
   */
  static final class Upload {
    private final String id;
    private final String registryId;
    private final String region;
    private final String repository;
    private final Path file;
    private final MessageDigest sha256;
    private final List<Long> partSizes = new ArrayList<>();
    private long size;

    private Upload(String id, String registryId, String region, String repository, Path file) {
      this.id = id;
      this.registryId = registryId;
      this.region = region;
      this.repository = repository;
      this.file = file;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("The JDK has no SHA-256", e);
      }
    }

    String id() {
      return id;
    }

    /** Returns true when the session belongs to {@code repository} of the given registry. */
    boolean belongsTo(String registryId, String region, String repository) {
      return this.registryId.equals(registryId)
          && this.region.equals(region)
          && this.repository.equals(repository);
    }

    synchronized long size() {
      return size;
    }

    /**
     * Appends one part read from {@code in}, up to {@code limit} bytes.
     *
     * @return the number of bytes appended
     * @throws IOException when reading the request or writing the file fails
     */
    synchronized long append(InputStream in, long limit) throws IOException {
      long written = 0;
      byte[] buffer = new byte[64 * 1024];
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
        int read;
        while ((read = in.read(buffer)) > 0) {
          if (written + read > limit) {
            throw new PartTooLargeException(limit);
          }
          out.write(buffer, 0, read);
          sha256.update(buffer, 0, read);
          written += read;
        }
      }
      if (written > 0) {
        partSizes.add(written);
        size += written;
      }
      return written;
    }

    /** Appends one part given as bytes. */
    synchronized void append(byte[] part) throws IOException {
      Files.write(file, part, StandardOpenOption.APPEND);
      sha256.update(part);
      partSizes.add((long) part.length);
      size += part.length;
    }

    /** Returns true when a part before the last is smaller than 5 MiB. */
    synchronized boolean hasSmallPart() {
      for (int i = 0; i < partSizes.size() - 1; i++) {
        if (partSizes.get(i) < MIN_PART_SIZE) {
          return true;
        }
      }
      return false;
    }

    /** Returns the digest of everything received so far, without ending the running hash. */
    synchronized String digest() {
      try {
        MessageDigest copy = (MessageDigest) sha256.clone();
        return "sha256:" + SigV4Verifier.hex(copy.digest());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("The JDK's SHA-256 cannot be cloned", e);
      }
    }

    private void deleteFile() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A stale upload file is harmless; the directory is cleaned on close or reset.
      }
    }
  }

  /** Thrown when one part is larger than the request may carry. */
  static final class PartTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    PartTooLargeException(long limit) {
      super("The part is larger than " + limit + " bytes.");
    }
  }
}
