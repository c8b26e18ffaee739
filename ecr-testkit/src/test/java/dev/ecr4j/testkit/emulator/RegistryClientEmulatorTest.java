package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.oci.ImageBuilder;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.registry.ImageReference;
import dev.ecr4j.registry.RegistryAuth;
import dev.ecr4j.registry.RegistryClient;
import dev.ecr4j.registry.TransferResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;

/**
 * Pushes and pulls images built by ecr4j's image builder through the emulator's registry API with
 * ecr4j's own registry client, authenticated by the emulator's GetAuthorizationToken.
 */
@Timeout(120)
class RegistryClientEmulatorTest {

  private static final String ACCOUNT = "000000000000";

  // Every digest in a manifest: the config's and the layers'.
  private static final Pattern LAYER_DIGEST =
      Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");

  @TempDir Path work;

  private EcrEmulator emulator;
  private Ecr4jClient ecr;
  private EcrClient sdk;
  private RegistryClient registry;

  @BeforeEach
  void start() {
    emulator = EcrEmulator.start();
    ecr =
        Ecr4jClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .region(Region.US_EAST_1)
            .endpointOverride(emulator.endpoint())
            .rateLimitSettings(RateLimitSettings.unlimited())
            .build();
    sdk = ecr.sdkClient();
    registry =
        RegistryClient.builder()
            .defaultAuth(RegistryAuth.ecr(ecr.authorization(), ACCOUNT))
            .insecure(emulator.registryHost())
            .build();
  }

  @AfterEach
  void stop() {
    registry.close();
    ecr.close();
    emulator.close();
  }

  @Test
  void pushedImagePullsBackIdentical() throws IOException {
    ecr.repositories().create("app");
    OciLayout source = OciLayout.create(work.resolve("source"));
    ImageManifest built = build(source, "1.0", "base", "app-1");
    ImageReference target = reference("app", "1.0");

    TransferResult pushed = registry.push(source.image("1.0"), target);
    OciLayout pulled = OciLayout.create(work.resolve("pulled"));
    registry.pull(target, pulled, "1.0");

    assertThat(pushed.digest()).isEqualTo(built.digest());
    assertThat(pulled.image("1.0").manifest().digest()).isEqualTo(built.digest());
    assertThat(ecr.repositories().describe("app").name()).isEqualTo("app");
  }

  @Test
  void secondPushSkipsPresentBlobs() throws IOException {
    ecr.repositories().create("app");
    OciLayout source = OciLayout.create(work.resolve("source"));
    build(source, "1.0", "base", "app-1");
    build(source, "1.1", "base", "app-2");

    registry.push(source.image("1.0"), reference("app", "1.0"));
    TransferResult second = registry.push(source.image("1.1"), reference("app", "1.1"));

    // The base layer is already there; the new layer and the config are uploaded.
    assertThat(second.blobsExisting()).isEqualTo(1);
    assertThat(second.blobsTransferred()).isEqualTo(2);
  }

  /**
   * Four threads push images that share a base layer: versions under their own tags, and snapshots
   * under the thread's "latest" tag, which leaves the previous snapshot untagged. Meanwhile the
   * clock moves on and lifecycle runs expire untagged images. No pushed version tag may be lost,
   * and no remaining manifest may point at a blob the registry no longer has.
   */
  @Test
  void pushesRaceLifecycleRunsSafely() throws Exception {
    ecr.repositories().create("race");
    ecr.lifecycle().put("race", LifecyclePolicy.builder().untagged().expireAfterDays(1).build());
    int threads = 4;
    int imagesPerThread = 6;
    List<OciLayout> layouts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      OciLayout layout = OciLayout.create(work.resolve("layout-" + t));
      for (int i = 0; i < imagesPerThread; i++) {
        build(layout, "v" + t + "-" + i, "base", "thread-" + t + "-image-" + i);
        build(layout, "s" + t + "-" + i, "base", "thread-" + t + "-snapshot-" + i);
      }
      layouts.add(layout);
    }

    AtomicBoolean pushing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      Future<?> lifecycle =
          pool.submit(
              () -> {
                // Steps of one hour, paced, so that a registry token (valid 12 hours on the
                // emulator's clock) outlives a request and its replay after a refresh.
                while (pushing.get()) {
                  emulator.advanceClock(Duration.ofHours(1));
                  emulator.runLifecyclePolicies();
                  Thread.sleep(10);
                }
                return null;
              });
      List<Future<?>> pushes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pushes.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < imagesPerThread; i++) {
                    String version = "v" + thread + "-" + i;
                    registry.push(layouts.get(thread).image(version), reference("race", version));
                    registry.push(
                        layouts.get(thread).image("s" + thread + "-" + i),
                        reference("race", "latest-" + thread));
                  }
                  return null;
                }));
      }
      for (Future<?> push : pushes) {
        push.get(60, TimeUnit.SECONDS);
      }
      pushing.set(false);
      lifecycle.get(60, TimeUnit.SECONDS);
    } finally {
      pushing.set(false);
      pool.shutdownNow();
    }

    // One more run after the last push, so that the final state has been through a run too.
    emulator.advanceClock(Duration.ofDays(2));
    emulator.runLifecyclePolicies();

    List<ImageDetail> images =
        sdk.describeImages(request -> request.repositoryName("race")).imageDetails();
    Set<String> tags = new TreeSet<>();
    images.forEach(image -> tags.addAll(image.imageTags()));
    for (int t = 0; t < threads; t++) {
      assertThat(tags).contains("latest-" + t);
      for (int i = 0; i < imagesPerThread; i++) {
        assertThat(tags).contains("v" + t + "-" + i);
      }
    }
    for (ImageDetail image : images) {
      assertThat(missingLayers("race", image.imageDigest())).isEmpty();
    }
    // Each "latest" move leaves the previous snapshot untagged. The runs, on demand or started by
    // the clock, must have expired all of those: only the versions and the latest snapshots stay.
    assertThat(images).hasSize(threads * (imagesPerThread + 1));
  }

  /** Returns the layers of an image's manifest that the repository does not have. */
  private List<String> missingLayers(String repository, String digest) {
    Image image =
        sdk.batchGetImage(
                request ->
                    request
                        .repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageDigest(digest).build()))
            .images()
            .get(0);
    List<String> layers = new ArrayList<>();
    Matcher matcher = LAYER_DIGEST.matcher(image.imageManifest());
    while (matcher.find()) {
      layers.add(matcher.group(1));
    }
    List<String> missing = new ArrayList<>();
    sdk.batchCheckLayerAvailability(
            request -> request.repositoryName(repository).layerDigests(layers))
        .layers()
        .forEach(
            layer -> {
              if (layer.layerAvailability() != LayerAvailability.AVAILABLE) {
                missing.add(layer.layerDigest());
              }
            });
    return missing;
  }

  private ImageReference reference(String repository, String tag) {
    return ImageReference.parse(
        emulator.repositoryUri(ACCOUNT, "us-east-1", repository) + ":" + tag);
  }

  /** Builds an image of two layers, one file each, and tags it in {@code layout}. */
  private ImageManifest build(OciLayout layout, String tag, String baseContent, String appContent)
      throws IOException {
    Path base = write("base-" + baseContent + ".txt", baseContent);
    Path app = write("app-" + appContent + ".txt", appContent);
    return ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(base, "/base.txt")
        .addLayer(app, "/app.txt")
        .entrypoint(List.of("/bin/true"))
        .build(layout, tag);
  }

  private Path write(String name, String content) throws IOException {
    Path file = work.resolve("files").resolve(name);
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    }
    return file;
  }
}
