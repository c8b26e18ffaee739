package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.Ecr4jPublicClient;
import dev.ecr4j.core.Image;
import dev.ecr4j.core.ImageId;
import dev.ecr4j.core.Images;
import dev.ecr4j.core.PublicCatalogDataInput;
import dev.ecr4j.core.PublicRepository;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.core.ServerLifecyclePreview;
import dev.ecr4j.core.TagMutability;
import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.oci.ImageBuilder;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.lifecycle.ImageDecision;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.registry.ImageReference;
import dev.ecr4j.registry.RegistryAuth;
import dev.ecr4j.registry.RegistryClient;
import dev.ecr4j.registry.TagImmutableException;
import dev.ecr4j.registry.TransferResult;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.LifecycleRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The steps of {@code ecr4j demo}: each one calls the public API of ecr4j and prints what it did.
 * The same steps run against the embedded emulator and against a real registry; only the last one,
 * which moves the clock, needs the emulator.
 */
final class DemoStory {

  /** The private repository, and the prefix that the replication rule selects. */
  static final String REPOSITORY = "ecr4j-demo/web";

  static final String REPLICATION_PREFIX = "ecr4j-demo/";

  /** The public repository in ECR Public. */
  static final String PUBLIC_REPOSITORY = "ecr4j-demo/web";

  static final String RELEASE_TAG = "1.0.0";
  static final String DEV_TAG = "dev-7f3c2a1";

  /** Development images expire after this many days; the clock moves one day further. */
  static final int DEV_RETENTION_DAYS = 7;

  static final int STEPS = 8;

  /** How long to wait for a real registry to finish replicating the image. */
  private static final Duration REPLICATION_WAIT = Duration.ofMinutes(2);

  private final Ecr4jClient ecr;
  private final Ecr4jPublicClient gallery;
  private final Function<String, Ecr4jClient> clientForRegion;
  private final String replicaRegion;
  private final @Nullable EcrEmulator emulator;
  private final boolean terminal;
  private final PrintWriter out;
  private final Path workDirectory;

  DemoStory(
      Ecr4jClient ecr,
      Ecr4jPublicClient gallery,
      Function<String, Ecr4jClient> clientForRegion,
      String replicaRegion,
      @Nullable EcrEmulator emulator,
      boolean terminal,
      PrintWriter out,
      Path workDirectory) {
    this.ecr = ecr;
    this.gallery = gallery;
    this.clientForRegion = clientForRegion;
    this.replicaRegion = replicaRegion;
    this.emulator = emulator;
    this.terminal = terminal;
    this.out = out;
    this.workDirectory = workDirectory;
  }

  /** Returns the lifecycle policy of the demo, written with the policy DSL. */
  static LifecyclePolicy lifecyclePolicy() {
    return LifecyclePolicy.builder()
        .tagged("dev-*")
        .expireAfterDays(DEV_RETENTION_DAYS)
        .untagged()
        .expireAfterDays(1)
        .build();
  }

  /** Runs every step in order. */
  void run() throws IOException {
    Repository repository = createRepositories();
    configureReplication(repository);
    authenticate(repository);
    Path layout = buildImages();
    pushImages(repository, layout);
    LifecyclePolicy policy = applyLifecyclePolicy();
    showReplicatedImage();
    runLifecycle(policy);
    out.println();
    out.println("Demo complete.");
    out.flush();
  }

  private Repository createRepositories() {
    step(1, "create a private repository and a public one");
    Repository repository =
        ecr.repositories()
            .create(
                REPOSITORY,
                RepositorySettings.builder()
                    .tagMutability(TagMutability.IMMUTABLE)
                    .scanOnPush(true)
                    .tag("created-by", "ecr4j-demo")
                    .build())
            .repository();
    detail(
        "private repository "
            + repository.name()
            + " (scan on push: "
            + repository.scanOnPush()
            + ", tags: "
            + repository.tagMutability()
            + ")");
    detail("  " + repository.uri());

    PublicRepository publicRepository =
        gallery
            .repositories()
            .create(
                PUBLIC_REPOSITORY,
                PublicCatalogDataInput.builder()
                    .description("The image that ecr4j demo builds")
                    .architectures("x86-64")
                    .operatingSystems("Linux")
                    .build(),
                Map.of("created-by", "ecr4j-demo"))
            .repository();
    detail("public repository " + publicRepository.name() + " (ECR Public)");
    detail("  " + publicRepository.uri());
    return repository;
  }

  private void configureReplication(Repository repository) {
    step(2, "replicate " + REPLICATION_PREFIX + "* to " + replicaRegion);
    ReplicationConfiguration current = ecr.replication().get();
    boolean present =
        current.targetsFor(REPOSITORY).stream()
            .anyMatch(target -> target.destination().region().equals(replicaRegion));
    if (present) {
      detail("the registry already replicates " + REPOSITORY + " to " + replicaRegion);
      return;
    }
    // Rules already in the registry stay: the demo adds one rule for its own prefix.
    ReplicationConfiguration configuration;
    try {
      configuration =
          current.toBuilder()
              .repositoriesStartingWith(REPLICATION_PREFIX)
              .to(replicaRegion, repository.registryId())
              .build();
    } catch (InvalidPolicyException e) {
      // For example, a registry that has ECR's maximum of 10 rules already.
      throw new Ecr4jException(
          "Failed to add the demo's replication rule for "
              + REPLICATION_PREFIX
              + " to the registry's replication configuration: "
              + e.getMessage()
              + ". Remove a rule, or run the demo against another registry",
          e);
    }
    ecr.replication().put(configuration);
    detail("PutReplicationConfiguration: " + configuration.toJson());
  }

  private void authenticate(Repository repository) {
    step(3, "authenticate to the registry");
    AuthorizationToken token = ecr.authorization().token(repository.registryId());
    detail(
        "GetAuthorizationToken: user "
            + token.username()
            + ", valid until "
            + token.expiresAt().truncatedTo(ChronoUnit.SECONDS)
            + ", for "
            + token.proxyEndpoint());
    detail("the token itself is never printed; the registry client refreshes it when needed");
  }

  private Path buildImages() throws IOException {
    step(4, "build two images from generated files, without a Docker daemon");
    Path layoutDirectory = workDirectory.resolve("layout");
    OciLayout layout = OciLayout.create(layoutDirectory);
    ImageManifest release = buildImage(layout, RELEASE_TAG, "release " + RELEASE_TAG);
    ImageManifest dev = buildImage(layout, DEV_TAG, "development build " + DEV_TAG);
    detail(RELEASE_TAG + ": " + describe(release));
    detail(DEV_TAG + ": " + describe(dev));
    detail(
        "config: entrypoint [\"/bin/sh\", \"-c\", \"cat /srv/www/index.html\"], env"
            + " GREETING=hello, label org.opencontainers.image.title=ecr4j-demo");
    return layoutDirectory;
  }

  private ImageManifest buildImage(OciLayout layout, String tag, String title) throws IOException {
    // Generated, fixed content: the same tag gets the same digest on every run, so running the
    // demo again against a registry with immutable tags succeeds.
    Path files = Files.createDirectories(workDirectory.resolve("files-" + tag));
    Files.writeString(
        files.resolve("index.html"),
        "<!doctype html>\n<title>ecr4j demo</title>\n<p>Hello from the " + title + ".</p>\n");
    Files.writeString(files.resolve("VERSION"), tag + "\n");
    return ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(files, "/srv/www")
        .entrypoint(List.of("/bin/sh", "-c", "cat /srv/www/index.html"))
        .env("GREETING", "hello")
        .label("org.opencontainers.image.title", "ecr4j-demo")
        .label("org.opencontainers.image.version", tag)
        .build(layout, tag);
  }

  private static String describe(ImageManifest manifest) {
    long layerBytes = manifest.layers().stream().mapToLong(layer -> layer.size()).sum();
    return "manifest "
        + manifest.digest()
        + ", "
        + manifest.layers().size()
        + " layer of "
        + ProgressPrinter.size(layerBytes);
  }

  private void pushImages(Repository repository, Path layoutDirectory) throws IOException {
    step(5, "push both images");
    ImageReference base = ImageReference.parse(repository.uri());
    OciLayout layout = OciLayout.open(layoutDirectory);
    ProgressPrinter printer = new ProgressPrinter(out, terminal, "uploaded");
    RegistryClient.Builder builder =
        RegistryClient.builder()
            .auth(base.registry(), RegistryAuth.ecr(ecr.authorization(), repository.registryId()))
            .listener(printer);
    if (base.isLoopback()) {
      // The emulator serves the registry API over plain HTTP on 127.0.0.1.
      builder.insecure(base.registry());
    }
    try (RegistryClient registry = builder.build()) {
      for (String tag : List.of(RELEASE_TAG, DEV_TAG)) {
        TransferResult result = registry.push(layout.image(tag), base.withTag(tag));
        printer.finish();
        detail(
            "pushed "
                + result.reference()
                + " ("
                + result.blobsTransferred()
                + " blobs uploaded, "
                + result.blobsExisting()
                + " already present)");
      }

      // Immutable tags: the release tag cannot be moved to another image.
      try {
        registry.push(layout.image(DEV_TAG), base.withTag(RELEASE_TAG));
        printer.finish();
        detail("warning: the registry accepted a second image for tag " + RELEASE_TAG);
      } catch (TagImmutableException expected) {
        printer.finish();
        detail(
            "pushing "
                + DEV_TAG
                + " as "
                + RELEASE_TAG
                + " is rejected, because tags are immutable");
      }
    }
  }

  private LifecyclePolicy applyLifecyclePolicy() {
    step(6, "put a lifecycle policy written with the policy DSL, and preview it locally");
    LifecyclePolicy policy = lifecyclePolicy();
    ecr.lifecycle().put(REPOSITORY, policy);
    detail("LifecyclePolicy.builder()");
    detail("    .tagged(\"dev-*\").expireAfterDays(" + DEV_RETENTION_DAYS + ")");
    detail("    .untagged().expireAfterDays(1)");
    detail("    .build()");
    detail("PutLifecyclePolicy: " + policy.toJson());

    Instant now = now();
    Instant later = now.plus(Duration.ofDays(DEV_RETENTION_DAYS + 1L));
    printPreview("today", ecr.lifecycle().previewLocally(REPOSITORY, policy, now));
    printPreview(
        "in " + (DEV_RETENTION_DAYS + 1) + " days",
        ecr.lifecycle().previewLocally(REPOSITORY, policy, later));
    return policy;
  }

  private void printPreview(String when, LifecyclePreview preview) {
    detail(
        "local preview "
            + when
            + ": "
            + preview.expiringImageCount()
            + " of "
            + preview.decisions().size()
            + " images would expire");
    for (ImageDecision decision : preview.decisions()) {
      detail(
          "  "
              + decision.outcome()
              + " "
              + shortDigest(decision.image().digest())
              + " "
              + tags(decision.image().tags())
              + ": "
              + decision.reason());
    }
  }

  private void showReplicatedImage() {
    step(7, "show the replicated image in " + replicaRegion);
    List<Images.ReplicationStatus> statuses = waitForReplication();
    for (Images.ReplicationStatus status : statuses) {
      detail(
          "DescribeImageReplicationStatus: "
              + status.region()
              + " "
              + status.status()
              + (status.failureCode() == null ? "" : " (" + status.failureCode() + ")"));
    }
    try (Ecr4jClient replica = clientForRegion.apply(replicaRegion)) {
      List<Image> images =
          replica.images().describe(REPOSITORY, Images.TagFilter.ANY, false).toList();
      detail("DescribeImages in " + replicaRegion + ": " + images.size() + " image(s)");
      for (Image image : images) {
        detail("  " + shortDigest(image.digest()) + " " + tags(image.tags()));
      }
    }
  }

  private List<Images.ReplicationStatus> waitForReplication() {
    Instant giveUpAt = Instant.now().plus(REPLICATION_WAIT);
    while (true) {
      List<Images.ReplicationStatus> statuses =
          ecr.images().replicationStatus(REPOSITORY, ImageId.tag(RELEASE_TAG));
      boolean settled =
          statuses.stream()
              .filter(status -> status.region().equals(replicaRegion))
              .anyMatch(status -> !status.status().equals("IN_PROGRESS"));
      if (settled || Instant.now().isAfter(giveUpAt)) {
        return statuses;
      }
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return statuses;
      }
    }
  }

  private void runLifecycle(LifecyclePolicy policy) {
    if (emulator == null) {
      // A real registry runs lifecycle policies on its own schedule, within 24 hours, and its
      // clock cannot be moved: show ECR's own preview instead.
      step(8, "ask the registry for its own lifecycle preview");
      ServerLifecyclePreview preview =
          ecr.lifecycle().previewOnServer(REPOSITORY, policy, Duration.ofMinutes(2));
      detail(
          "GetLifecyclePolicyPreview: "
              + preview.status()
              + ", "
              + preview.actions().size()
              + " image(s) to expire today");
      detail(
          "the registry expires "
              + DEV_TAG
              + " by itself once it is "
              + DEV_RETENTION_DAYS
              + " days old");
      return;
    }

    step(8, "move the emulator's clock forward and run the lifecycle policies");
    Instant now = emulator.advanceClock(Duration.ofDays(DEV_RETENTION_DAYS + 1L));
    detail("the emulator's clock is now " + now.truncatedTo(ChronoUnit.SECONDS));
    LifecycleRun run = emulator.runLifecyclePolicies();
    detail("lifecycle run: " + run.expired().size() + " expired");
    for (String expired : run.expired()) {
      detail("  expired " + expired);
    }
    List<Image> remaining = ecr.images().describe(REPOSITORY, Images.TagFilter.ANY, false).toList();
    for (Image image : remaining) {
      detail("  kept " + shortDigest(image.digest()) + " " + tags(image.tags()));
    }
  }

  private Instant now() {
    return emulator != null ? emulator.now() : Instant.now();
  }

  private void step(int number, String title) {
    out.println();
    out.println("Step " + number + " of " + STEPS + ": " + title);
    out.flush();
  }

  private void detail(String text) {
    out.println("  " + Printable.escapeControlCharacters(text));
    out.flush();
  }

  private static String tags(List<String> tags) {
    return tags.isEmpty() ? "<untagged>" : String.join(",", tags);
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.substring(0, Math.min(digest.length(), colon + 13));
  }
}
