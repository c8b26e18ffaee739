package dev.ecr4j.cli;

import dev.ecr4j.registry.ImageReference;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An image location on the command line: {@code oci:DIR[:TAG]}, {@code
 * docker-archive:FILE[:NAME:TAG]}, {@code oci-archive:FILE[:TAG]}, or a registry reference such as
 * {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0} (optionally prefixed {@code
 * docker://}).
 *
 * @param kind the kind of location
 * @param path the directory or file of a local location; null for a registry
 * @param tag the tag inside a local location; null when not given
 * @param reference the registry reference; null for a local location
 */
record ImageLocation(
    Kind kind, @Nullable Path path, @Nullable String tag, @Nullable ImageReference reference) {

  enum Kind {
    OCI_LAYOUT,
    DOCKER_ARCHIVE,
    OCI_ARCHIVE,
    REGISTRY
  }

  static final String FORMS =
      "oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG], oci-archive:FILE[:TAG] or a registry"
          + " reference such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0";

  /**
   * Parses a location.
   *
   * @throws IllegalArgumentException when the text matches none of the forms
   */
  static ImageLocation parse(String text) {
    if (text.startsWith("oci:")) {
      return local(Kind.OCI_LAYOUT, text.substring(4), text);
    }
    if (text.startsWith("oci-archive:")) {
      return local(Kind.OCI_ARCHIVE, text.substring(12), text);
    }
    if (text.startsWith("docker-archive:")) {
      // The file ends at the first ':'; what follows is a NAME:TAG, which contains a ':' itself.
      String rest = text.substring(15);
      int colon = rest.indexOf(':');
      String file = colon < 0 ? rest : rest.substring(0, colon);
      String name = colon < 0 ? null : rest.substring(colon + 1);
      requirePath(file, text);
      return new ImageLocation(Kind.DOCKER_ARCHIVE, Path.of(file), emptyToNull(name), null);
    }
    try {
      return new ImageLocation(Kind.REGISTRY, null, null, ImageReference.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid image location '" + text + "': expected " + FORMS + ". " + e.getMessage(), e);
    }
  }

  boolean isRegistry() {
    return kind == Kind.REGISTRY;
  }

  /** Returns the registry reference. */
  ImageReference requireReference() {
    if (reference == null) {
      throw new IllegalStateException("not a registry location");
    }
    return reference;
  }

  /** Returns the local path. */
  Path requirePath() {
    if (path == null) {
      throw new IllegalStateException("not a local location");
    }
    return path;
  }

  private static ImageLocation local(Kind kind, String rest, String text) {
    // A tag follows the last ':' after the last '/', so directories with ':' in a parent work.
    int slash = rest.lastIndexOf('/');
    int colon = rest.indexOf(':', Math.max(slash, 0));
    String file = colon < 0 ? rest : rest.substring(0, colon);
    String tag = colon < 0 ? null : rest.substring(colon + 1);
    requirePath(file, text);
    return new ImageLocation(kind, Path.of(file), emptyToNull(tag), null);
  }

  private static void requirePath(String file, String text) {
    if (file.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid image location '" + text + "': the path is empty; expected " + FORMS);
    }
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public String toString() {
    switch (kind) {
      case REGISTRY:
        return String.valueOf(reference);
      case OCI_LAYOUT:
        return "oci:" + path + (tag == null ? "" : ":" + tag);
      case OCI_ARCHIVE:
        return "oci-archive:" + path + (tag == null ? "" : ":" + tag);
      default:
        return "docker-archive:" + path + (tag == null ? "" : ":" + tag);
    }
  }
}
