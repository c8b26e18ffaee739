package dev.ecr4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:6c3c...}, as OCI descriptors and registries use it.
 *
 * <p>Only {@code sha256} (64 hex digits) and {@code sha512} (128 hex digits) are accepted, the two
 * algorithms the OCI image specification registers. The encoded part is lower case.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lower-case hexadecimal hash
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final int BUFFER_SIZE = 64 * 1024;

  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    int expectedLength = hexLength(algorithm);
    if (hex.length() != expectedLength || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "Invalid "
              + algorithm
              + " digest '"
              + hex
              + "': expected "
              + expectedLength
              + " lower-case hexadecimal digits");
    }
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @throws IllegalArgumentException when the text is not a sha256 or sha512 digest
   */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "Invalid digest '" + text + "': expected sha256:<64 hex digits>");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Returns the sha256 digest of {@code content}. */
  public static Digest sha256(byte[] content) {
    return fromHash(newSha256().digest(content));
  }

  /**
   * Returns the sha256 digest of the bytes of {@code stream}, read to its end; does not close it.
   */
  public static Digest sha256(InputStream stream) throws IOException {
    MessageDigest hash = newSha256();
    byte[] buffer = new byte[BUFFER_SIZE];
    for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
      hash.update(buffer, 0, read);
    }
    return fromHash(hash.digest());
  }

  /** Returns the sha256 digest of the file at {@code path}. */
  public static Digest sha256(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return sha256(in);
    }
  }

  /** Returns a new sha256 hash, to digest content that arrives in parts. */
  public static MessageDigest newSha256() {
    return newHash("SHA-256");
  }

  /** Returns a new hash of this digest's algorithm. */
  public MessageDigest newHash() {
    return newHash(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
  }

  /** Returns the sha256 digest whose hash is {@code sha256Hash}. */
  public static Digest fromHash(byte[] sha256Hash) {
    return new Digest("sha256", HexFormat.of().formatHex(sha256Hash));
  }

  /** Returns the digest of {@code hash}'s algorithm with the finished hash value. */
  static Digest finish(MessageDigest hash) {
    String algorithm = hash.getAlgorithm().replace("-", "").toLowerCase(Locale.ROOT);
    return new Digest(algorithm, HexFormat.of().formatHex(hash.digest()));
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static int hexLength(String algorithm) {
    switch (algorithm) {
      case "sha256":
        return 64;
      case "sha512":
        return 128;
      default:
        throw new IllegalArgumentException(
            "Unsupported digest algorithm '" + algorithm + "': use sha256 or sha512");
    }
  }

  private static MessageDigest newHash(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 and SHA-512 (MessageDigest's Javadoc).
      throw new IllegalStateException(name + " is not available", e);
    }
  }
}
