package dev.ecr4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Catalog data to send for a public repository: what the Amazon ECR Public Gallery shows. Every
 * field is optional, and a field left out is not sent.
 *
 * <pre>{@code
 * PublicCatalogDataInput catalog = PublicCatalogDataInput.builder()
 *     .description("A command line for ECR")
 *     .aboutText("# ecr4j\nPush and pull without a daemon.")
 *     .architectures("x86-64", "ARM 64")
 *     .operatingSystems("Linux")
 *     .logoImage(Files.readAllBytes(Path.of("logo.png")))
 *     .build();
 * }</pre>
 *
 * <p>Each setter checks the limit of ECR Public's API model. The description has at most 1,024
 * characters, and the about and usage texts at most 25,600 each. There are at most 50 architectures
 * and 50 operating systems, of 1 to 50 characters each. The logo image has at most 512,000 bytes.
 * The gallery shows badges for the architectures {@code ARM}, {@code ARM 64}, {@code x86} and
 * {@code x86-64} and the operating systems {@code Linux} and {@code Windows}, and stores other
 * values without making them searchable.
 *
 * <p>Instances are immutable. {@link #toString()} shows the logo's size, not its bytes.
 */
public final class PublicCatalogDataInput {

  static final int MAX_DESCRIPTION = 1_024;
  static final int MAX_LONG_TEXT = 25_600;
  static final int MAX_LIST_ENTRIES = 50;
  static final int MAX_LIST_ENTRY = 50;
  static final int MAX_LOGO_BYTES = 512_000;

  private final @Nullable String description;
  private final @Nullable String aboutText;
  private final @Nullable String usageText;
  private final @Nullable List<String> architectures;
  private final @Nullable List<String> operatingSystems;
  private final byte @Nullable [] logoImage;

  private PublicCatalogDataInput(Builder builder) {
    this.description = builder.description;
    this.aboutText = builder.aboutText;
    this.usageText = builder.usageText;
    this.architectures = builder.architectures;
    this.operatingSystems = builder.operatingSystems;
    this.logoImage = builder.logoImage;
  }

  /** Returns a builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the short description, if set. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Returns the detailed description in Markdown, if set. */
  public Optional<String> aboutText() {
    return Optional.ofNullable(aboutText);
  }

  /** Returns the usage text in Markdown, if set. */
  public Optional<String> usageText() {
    return Optional.ofNullable(usageText);
  }

  /** Returns the architectures, if set; an empty list clears them. */
  public Optional<List<String>> architectures() {
    return Optional.ofNullable(architectures);
  }

  /** Returns the operating systems, if set; an empty list clears them. */
  public Optional<List<String>> operatingSystems() {
    return Optional.ofNullable(operatingSystems);
  }

  /** Returns a copy of the logo image, if set. */
  public Optional<byte[]> logoImage() {
    return logoImage == null ? Optional.empty() : Optional.of(logoImage.clone());
  }

  @Override
  public String toString() {
    return "PublicCatalogDataInput{description="
        + description
        + ", aboutText="
        + (aboutText == null ? null : aboutText.length() + " characters")
        + ", usageText="
        + (usageText == null ? null : usageText.length() + " characters")
        + ", architectures="
        + architectures
        + ", operatingSystems="
        + operatingSystems
        + ", logoImage="
        + (logoImage == null ? null : logoImage.length + " bytes")
        + "}";
  }

  /** Builds {@link PublicCatalogDataInput}; each setter checks ECR Public's limit. */
  public static final class Builder {
    private @Nullable String description;
    private @Nullable String aboutText;
    private @Nullable String usageText;
    private @Nullable List<String> architectures;
    private @Nullable List<String> operatingSystems;
    private byte @Nullable [] logoImage;

    private Builder() {}

    /** Sets the short description, at most 1,024 characters. */
    public Builder description(String description) {
      this.description = text("description", description, MAX_DESCRIPTION);
      return this;
    }

    /** Sets the detailed description in Markdown, at most 25,600 characters. */
    public Builder aboutText(String aboutText) {
      this.aboutText = text("aboutText", aboutText, MAX_LONG_TEXT);
      return this;
    }

    /** Sets how to use the images, in Markdown, at most 25,600 characters. */
    public Builder usageText(String usageText) {
      this.usageText = text("usageText", usageText, MAX_LONG_TEXT);
      return this;
    }

    /** Sets the architectures: at most 50, each 1 to 50 characters, such as {@code ARM 64}. */
    public Builder architectures(String... architectures) {
      return architectures(Arrays.asList(Objects.requireNonNull(architectures, "architectures")));
    }

    /** Sets the architectures: at most 50, each 1 to 50 characters; empty clears them. */
    public Builder architectures(List<String> architectures) {
      this.architectures = list("architectures", architectures);
      return this;
    }

    /** Sets the operating systems: at most 50, each 1 to 50 characters, such as {@code Linux}. */
    public Builder operatingSystems(String... operatingSystems) {
      return operatingSystems(
          Arrays.asList(Objects.requireNonNull(operatingSystems, "operatingSystems")));
    }

    /** Sets the operating systems: at most 50, each 1 to 50 characters; empty clears them. */
    public Builder operatingSystems(List<String> operatingSystems) {
      this.operatingSystems = list("operatingSystems", operatingSystems);
      return this;
    }

    /** Sets the logo image, such as PNG bytes, at most 512,000 bytes; the bytes are copied. */
    public Builder logoImage(byte[] logoImage) {
      Objects.requireNonNull(logoImage, "logoImage");
      if (logoImage.length > MAX_LOGO_BYTES) {
        throw new IllegalArgumentException(
            "Invalid logoImage: it has "
                + logoImage.length
                + " bytes, but ECR Public accepts at most "
                + MAX_LOGO_BYTES
                + " bytes; scale the image down or compress it");
      }
      this.logoImage = logoImage.clone();
      return this;
    }

    /** Builds the catalog data. */
    public PublicCatalogDataInput build() {
      return new PublicCatalogDataInput(this);
    }

    private static String text(String name, String value, int max) {
      Objects.requireNonNull(value, name);
      int length = value.codePointCount(0, value.length());
      if (length > max) {
        throw new IllegalArgumentException(
            "Invalid "
                + name
                + ": it has "
                + length
                + " characters, but ECR Public allows at most "
                + max
                + "; shorten it");
      }
      return value;
    }

    private static List<String> list(String name, List<String> values) {
      Objects.requireNonNull(values, name);
      if (values.size() > MAX_LIST_ENTRIES) {
        throw new IllegalArgumentException(
            "Invalid "
                + name
                + ": it has "
                + values.size()
                + " entries, but ECR Public allows at most "
                + MAX_LIST_ENTRIES
                + "; keep the ones the images support");
      }
      List<String> copy = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        String value = Objects.requireNonNull(values.get(i), name + "[" + i + "]");
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_LIST_ENTRY) {
          throw new IllegalArgumentException(
              "Invalid "
                  + name
                  + "["
                  + i
                  + "] '"
                  + value
                  + "': it has "
                  + length
                  + " characters, but ECR Public allows 1 to "
                  + MAX_LIST_ENTRY
                  + "; use a name such as "
                  + (name.equals("architectures") ? "'x86-64'" : "'Linux'"));
        }
        copy.add(value);
      }
      return List.copyOf(copy);
    }
  }
}
