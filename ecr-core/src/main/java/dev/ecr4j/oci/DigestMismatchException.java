package dev.ecr4j.oci;

import java.io.IOException;

/** Thrown when the digest of received content differs from the expected digest. */
public final class DigestMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  /** Creates the exception for {@code what}, such as "blob" or "manifest". */
  public DigestMismatchException(Digest expected, Digest actual, String what) {
    super(
        "The "
            + what
            + " content has digest "
            + actual
            + ", but "
            + expected
            + " was expected; the content was corrupted or altered in transit, and was not"
            + " stored");
    this.expected = expected.toString();
    this.actual = actual.toString();
  }

  /** Returns the expected digest. */
  public Digest expected() {
    return Digest.parse(expected);
  }

  /** Returns the digest of the content received. */
  public Digest actual() {
    return Digest.parse(actual);
  }
}
