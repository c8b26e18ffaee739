package dev.ecr4j.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Builds real OCI images with umoci: an empty image, then layers of files, then a config. */
final class UmociImages {

  private UmociImages() {}

  /**
   * Builds {@code layout:tag} with {@code layers} layers, each a directory with a random file of
   * {@code bytesPerLayer} bytes and a text file, and an entrypoint and environment variable.
   */
  static void build(Path layout, String tag, int layers, int bytesPerLayer, long seed)
      throws IOException, InterruptedException {
    if (!Files.exists(layout.resolve("oci-layout"))) {
      Tools.run(List.of("umoci", "init", "--layout", layout.toString()));
    }
    String image = layout + ":" + tag;
    Tools.run(List.of("umoci", "new", "--image", image));
    Random random = new Random(seed);
    for (int i = 0; i < layers; i++) {
      Path source = Files.createTempDirectory("umoci-layer");
      byte[] data = new byte[bytesPerLayer];
      random.nextBytes(data);
      Files.write(source.resolve("data-" + i + ".bin"), data);
      Files.writeString(source.resolve("layer.txt"), "layer " + i + " of " + tag + "\n");
      Tools.run(
          List.of(
              "umoci", "insert", "--rootless", "--image", image, source.toString(), "/app/" + i));
    }
    Tools.run(
        List.of(
            "umoci",
            "config",
            "--image",
            image,
            "--config.entrypoint=/app/0/layer.txt",
            "--config.env=BUILT_BY=umoci"));
  }
}
