package dev.ecr4j.registry;

import dev.ecr4j.oci.Digest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reference to an image in a registry: {@code registry/repository[:tag][@digest]}, such as {@code
 * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0}, {@code public.ecr.aws/acme/app} or {@code
 * 127.0.0.1:5000/app@sha256:...}.
 *
 * <p>The registry is always explicit. Unlike in the Docker CLI, a bare {@code app:1.0} does not
 * mean Docker Hub, so no command sends traffic to a registry that was not named.
 *
 * @param registry the registry host, with a port when not the default
 * @param repository the repository name, such as {@code team/app}
 * @param tag the tag, or {@code null} when the reference is by digest only
 * @param digest the manifest digest, or {@code null} when the reference is by tag only
 */
public record ImageReference(
    String registry, String repository, @Nullable String tag, @Nullable Digest digest) {

  // The OCI distribution specification's grammar of repository names and tags.
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern REGISTRY =
      Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException(
          "Invalid registry '" + registry + "': expected a host name with an optional :port");
    }
    if (!REPOSITORY.matcher(repository).matches() || repository.length() > 256) {
      throw new IllegalArgumentException(
          "Invalid repository name '"
              + repository
              + "': expected lower-case letters, digits and separators (. _ __ -), in '/'-separated"
              + " parts, at most 256 characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException(
          "Invalid tag '"
              + tag
              + "': expected letters, digits, '_', '.' and '-', not starting with '.' or '-', at"
              + " most 128 characters");
    }
  }

  /**
   * Parses {@code registry/repository[:tag][@digest]}. A reference with neither tag nor digest gets
   * the tag {@code latest}.
   *
   * @throws IllegalArgumentException when the text has no registry, or a part is invalid
   */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    String rest = text.trim();
    for (String scheme : new String[] {"docker://", "https://", "http://"}) {
      if (rest.startsWith(scheme)) {
        rest = rest.substring(scheme.length());
      }
    }

    // The digest follows '@', the registry comes before the first '/', and a tag follows the
    // last ':' of the repository part.
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }

    int slash = rest.indexOf('/');
    if (slash <= 0 || !looksLikeRegistry(rest.substring(0, slash))) {
      throw new IllegalArgumentException(
          "Invalid image reference '"
              + text
              + "': expected registry/repository[:tag][@digest] with an explicit registry, such"
              + " as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0 or 127.0.0.1:5000/app");
    }

    String registry = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    String tag = null;
    int colon = path.lastIndexOf(':');
    if (colon >= 0) {
      tag = path.substring(colon + 1);
      path = path.substring(0, colon);
    }

    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry.toLowerCase(Locale.ROOT), path, tag, digest);
  }

  /** Returns this reference with {@code tag} and no digest. */
  public ImageReference withTag(String tag) {
    return new ImageReference(registry, repository, tag, null);
  }

  /** Returns this reference with {@code digest}, keeping the tag. */
  public ImageReference withDigest(Digest digest) {
    return new ImageReference(registry, repository, tag, digest);
  }

  /** Returns the tag, if any. */
  public Optional<String> tagIfAny() {
    return Optional.ofNullable(tag);
  }

  /** Returns the digest, if any. */
  public Optional<Digest> digestIfAny() {
    return Optional.ofNullable(digest);
  }

  /** Returns what the manifest URL names: the digest when present, otherwise the tag. */
  public String manifestReference() {
    return digest != null ? digest.toString() : Objects.requireNonNull(tag);
  }

  /** Returns the registry host without the port. */
  public String host() {
    String host = registry;
    if (host.startsWith("[")) {
      return host.substring(0, host.indexOf(']') + 1);
    }
    int colon = host.indexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  /** Returns whether the registry is on this machine: localhost or a loopback address. */
  public boolean isLoopback() {
    String host = host();
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(registry).append('/').append(repository);
    if (tag != null) {
      text.append(':').append(tag);
    }
    if (digest != null) {
      text.append('@').append(digest);
    }
    return text.toString();
  }

  private static boolean looksLikeRegistry(String part) {
    return part.contains(".")
        || part.contains(":")
        || part.equals("localhost")
        || part.startsWith("[");
  }
}
