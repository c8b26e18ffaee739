package dev.ecr4j.oci;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The platform an image runs on, such as {@code linux/amd64} or {@code linux/arm64/v8}.
 *
 * @param os the operating system, such as {@code linux}
 * @param architecture the CPU architecture in Go's naming, such as {@code amd64} or {@code arm64}
 * @param variant the CPU variant, such as {@code v8}; {@code null} when not set
 */
public record Platform(String os, String architecture, @Nullable String variant) {

  /**
   * The characters of one part of a platform that {@link #parse} accepts. The OCI image index
   * specification takes os and architecture values from Go's GOOS and GOARCH, such as {@code linux}
   * and {@code arm64}, and variants are short names such as {@code v8}.
   */
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]*");

  public Platform {
    requireName("os", os);
    requireName("architecture", architecture);
    if (variant != null && variant.isEmpty()) {
      variant = null;
    }
  }

  /** Returns {@code os/architecture} without a variant. */
  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, null);
  }

  /**
   * Parses {@code os/architecture[/variant]}.
   *
   * @throws IllegalArgumentException when the text has fewer than two or more than three parts, or
   *     a part contains other characters than letters, digits, '.', '_' and '-', such as the comma
   *     of a list of platforms
   */
  public static Platform parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "Invalid platform '"
              + text
              + "': expected os/architecture[/variant], such as linux/amd64");
    }
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "Invalid platform '"
                + text
                + "': '"
                + part
                + "' may contain only letters, digits, '.', '_' and '-'. Give one platform as"
                + " os/architecture[/variant], such as linux/amd64 or linux/arm64/v8.");
      }
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * Returns whether an image of platform {@code candidate} runs here: same os and architecture, and
   * the same variant when this platform names one.
   *
   * <p>An {@code arm64} image without a variant counts as {@code v8}, and an {@code amd64} one as
   * {@code v1}, as containerd's platform normalization reads them. Images and index entries often
   * leave out the default variant, so {@code linux/arm64/v8} selects an entry that names only
   * {@code linux/arm64}.
   */
  public boolean matches(Platform candidate) {
    if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
      return false;
    }
    if (variant == null) {
      return true;
    }
    String offered = candidate.variant != null ? candidate.variant : defaultVariant(architecture);
    return variant.equals(offered);
  }

  /** Returns the variant an image of {@code architecture} has when it names none. */
  private static @Nullable String defaultVariant(String architecture) {
    return switch (architecture) {
      case "arm64" -> "v8";
      case "amd64" -> "v1";
      default -> null;
    };
  }

  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }

  private static void requireName(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.contains("/")) {
      throw new IllegalArgumentException(
          "Invalid platform " + name + " '" + value + "': expected a non-empty name without '/'");
    }
  }
}
