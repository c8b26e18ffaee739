package dev.ecr4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** An image source whose root is one platform's image of another source. */
final class PlatformView implements ImageSource {

  /**
   * The largest config read. Image configs are a few kilobytes, so only a broken source exceeds it.
   */
  private static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  private final ImageSource source;
  private final Manifest root;

  PlatformView(ImageSource source, Manifest root) {
    this.source = source;
    this.root = root;
  }

  @Override
  public Manifest manifest() {
    return root;
  }

  @Override
  public Manifest manifest(Descriptor descriptor) throws IOException {
    return source.manifest(descriptor);
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) throws IOException {
    return source.openBlob(descriptor);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  static Manifest select(ImageSource source, Platform platform) throws IOException {
    Manifest root = source.manifest();

    if (root instanceof ImageIndex index) {
      Descriptor selected =
          index
              .select(platform)
              .orElseThrow(() -> new IllegalArgumentException(noImageFor(index, platform)));
      return source.manifest(selected);
    }

    ImageManifest image = (ImageManifest) root;
    String configType = image.config().mediaType();
    if (!configType.equals(MediaTypes.OCI_CONFIG) && !configType.equals(MediaTypes.DOCKER_CONFIG)) {
      throw new IllegalArgumentException(
          "The manifest's config has media type "
              + configType
              + ", which names no platform, so platform "
              + platform
              + " cannot be selected. Leave out the platform to transfer it as it is.");
    }
    Platform actual;
    try {
      actual = ImageConfig.platformOf(readConfig(source, image.config()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The image config "
              + image.config().digest()
              + " names no valid platform ("
              + e.getMessage()
              + "), so platform "
              + platform
              + " cannot be checked. Leave out the platform to transfer it as it is.",
          e);
    }
    if (!platform.matches(actual)) {
      throw new IllegalArgumentException(
          "The image is for platform "
              + actual
              + ", not "
              + platform
              + ". It is a single-platform image, so leave out the platform or choose "
              + actual
              + ".");
    }
    return image;
  }

  private static byte[] readConfig(ImageSource source, Descriptor config) throws IOException {
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new IllegalArgumentException(
          "The image config is "
              + config.size()
              + " bytes, more than the "
              + MAX_CONFIG_BYTES
              + " this client reads.");
    }
    byte[] bytes;
    try (InputStream in = source.openBlob(config)) {
      bytes = in.readNBytes((int) config.size() + 1);
    }
    if (bytes.length != config.size()) {
      throw new IOException(
          "The image config is "
              + (bytes.length > config.size() ? "longer" : "shorter")
              + " than the "
              + config.size()
              + " bytes its descriptor gives.");
    }
    Digest actual = Digest.sha256(bytes);
    if (!actual.equals(config.digest())) {
      throw new DigestMismatchException(config.digest(), actual, "image config");
    }
    return bytes;
  }

  /**
   * Describes why {@code index} has no image for {@code platform}, naming the platforms it has and
   * counting the children without a platform field, which selection cannot match.
   */
  private static String noImageFor(ImageIndex index, Platform platform) {
    List<String> platforms = new ArrayList<>();
    int withoutPlatform = 0;
    for (Descriptor descriptor : index.manifests()) {
      Platform childPlatform = descriptor.platform();
      if (childPlatform == null) {
        withoutPlatform++;
      } else {
        platforms.add(childPlatform.toString());
      }
    }
    if (platforms.isEmpty()) {
      return "The index has no image for platform "
          + platform
          + ", because none of its "
          + withoutPlatform
          + " manifests has a platform field. Leave out the platform to transfer the whole index.";
    }
    String message = "The index has no image for platform " + platform + "; it has " + platforms;
    if (withoutPlatform > 0) {
      message +=
          " and "
              + withoutPlatform
              + (withoutPlatform == 1 ? " manifest" : " manifests")
              + " without a platform field";
    }
    return message + ". Choose one of those platforms.";
  }
}
