package dev.ecr4j.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A manifest as {@code BatchGetImage} returns it.
 *
 * @param id the image's digest and the tag it was requested by, if any
 * @param mediaType the manifest media type, or {@code null} when ECR omits it
 * @param manifest the manifest text, byte for byte as stored
 */
public record ImageManifest(ImageId id, @Nullable String mediaType, String manifest) {

  public ImageManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(manifest, "manifest");
  }
}
