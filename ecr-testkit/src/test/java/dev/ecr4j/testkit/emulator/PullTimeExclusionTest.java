package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.oci.ImageBuilder;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import dev.ecr4j.registry.ImageReference;
import dev.ecr4j.registry.RegistryAuth;
import dev.ecr4j.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ExclusionAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ExclusionNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * Pull-time update exclusions: registered principals pull without moving an image's
 * lastRecordedPullTime, on the control plane and on the registry API alike.
 */
class PullTimeExclusionTest {

  private static final String ACCOUNT = "000000000000";
  private static final String PIPELINE = "arn:aws:iam::" + ACCOUNT + ":user/test";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final EmulatorCredentials READER =
      new EmulatorCredentials("reader", "reader-secret", ACCOUNT);

  @TempDir Path work;

  private EcrEmulator emulator;
  private EcrClient pipeline;
  private EcrClient reader;

  @BeforeEach
  void start() {
    // A fixed clock, so that a recorded pull time can be compared exactly.
    emulator =
        EcrEmulator.builder()
            .credentials(EmulatorCredentials.DEFAULT, READER)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .start();
    pipeline = SdkClients.ecr(emulator.endpoint(), "us-east-1", "test", "test");
    reader = SdkClients.ecr(emulator.endpoint(), "us-east-1", "reader", "reader-secret");
  }

  @AfterEach
  void stop() {
    pipeline.close();
    reader.close();
    emulator.close();
  }

  @Test
  void registerListDeregister() {
    Instant created =
        pipeline
            .registerPullTimeUpdateExclusion(request -> request.principalArn(PIPELINE))
            .createdAt();

    assertThat(created).isEqualTo(NOW);
    assertThat(pipeline.listPullTimeUpdateExclusions(request -> {}).pullTimeUpdateExclusions())
        .containsExactly(PIPELINE);
    assertThatThrownBy(
            () ->
                pipeline.registerPullTimeUpdateExclusion(request -> request.principalArn(PIPELINE)))
        .isInstanceOf(ExclusionAlreadyExistsException.class)
        .hasMessageContaining(PIPELINE);

    pipeline.deregisterPullTimeUpdateExclusion(request -> request.principalArn(PIPELINE));

    assertThat(pipeline.listPullTimeUpdateExclusions(request -> {}).pullTimeUpdateExclusions())
        .isEmpty();
    assertThatThrownBy(
            () ->
                pipeline.deregisterPullTimeUpdateExclusion(
                    request -> request.principalArn(PIPELINE)))
        .isInstanceOf(ExclusionNotFoundException.class);
  }

  @Test
  void invalidPrincipalRejected() {
    assertThatThrownBy(
            () ->
                pipeline.registerPullTimeUpdateExclusion(
                    request -> request.principalArn("arn:aws:iam::" + ACCOUNT + ":group/ci")))
        .isInstanceOf(EcrException.class)
        .satisfies(e -> assertThat(((EcrException) e).statusCode()).isEqualTo(400))
        .hasMessageContaining("principalArn");
  }

  @Test
  void exclusionsPagedByMaxResults() {
    for (String user : List.of("a", "b", "c")) {
      pipeline.registerPullTimeUpdateExclusion(
          request -> request.principalArn("arn:aws:iam::" + ACCOUNT + ":user/" + user));
    }

    var first = pipeline.listPullTimeUpdateExclusions(request -> request.maxResults(2));
    String token = first.nextToken();
    var second =
        pipeline.listPullTimeUpdateExclusions(request -> request.maxResults(2).nextToken(token));

    assertThat(first.pullTimeUpdateExclusions()).hasSize(2);
    assertThat(second.pullTimeUpdateExclusions()).hasSize(1);
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void excludedPrincipalLeavesPullTimeAlone() throws IOException {
    pushImage();
    pipeline.registerPullTimeUpdateExclusion(request -> request.principalArn(PIPELINE));

    batchGet(pipeline);
    Instant afterExcludedPull = lastPull();
    batchGet(reader);
    Instant afterReaderPull = lastPull();

    assertThat(afterExcludedPull).isNull();
    assertThat(afterReaderPull).isEqualTo(NOW);
  }

  @Test
  void registryApiPullHonoursExclusion() throws IOException {
    pushImage();
    pipeline.registerPullTimeUpdateExclusion(request -> request.principalArn(PIPELINE));

    pullThroughRegistry("test", "test");
    Instant afterExcludedPull = lastPull();
    pullThroughRegistry("reader", "reader-secret");
    Instant afterReaderPull = lastPull();

    assertThat(afterExcludedPull).isNull();
    assertThat(afterReaderPull).isEqualTo(NOW);
  }

  private void pushImage() throws IOException {
    pipeline.createRepository(request -> request.repositoryName("app"));
    Path file = Files.writeString(work.resolve("app.txt"), "app");
    OciLayout layout = OciLayout.create(work.resolve("layout"));
    ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(file, "/app.txt")
        .build(layout, "1.0");
    try (Ecr4jClient ecr = client("test", "test");
        RegistryClient registry = registry(ecr)) {
      registry.push(layout.image("1.0"), reference());
    }
  }

  private void pullThroughRegistry(String accessKey, String secretKey) throws IOException {
    try (Ecr4jClient ecr = client(accessKey, secretKey);
        RegistryClient registry = registry(ecr)) {
      registry.pull(reference(), OciLayout.create(work.resolve("pulled-" + accessKey)), "1.0");
    }
  }

  private void batchGet(EcrClient client) {
    client.batchGetImage(
        request ->
            request
                .repositoryName("app")
                .imageIds(ImageIdentifier.builder().imageTag("1.0").build()));
  }

  private Instant lastPull() {
    return pipeline
        .describeImages(request -> request.repositoryName("app"))
        .imageDetails()
        .get(0)
        .lastRecordedPullTime();
  }

  private ImageReference reference() {
    return ImageReference.parse(emulator.repositoryUri(ACCOUNT, "us-east-1", "app") + ":1.0");
  }

  private Ecr4jClient client(String accessKey, String secretKey) {
    return Ecr4jClient.builder()
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .region(Region.US_EAST_1)
        .endpointOverride(emulator.endpoint())
        .rateLimitSettings(RateLimitSettings.unlimited())
        .build();
  }

  private RegistryClient registry(Ecr4jClient ecr) {
    return RegistryClient.builder()
        .defaultAuth(RegistryAuth.ecr(ecr.authorization(), ACCOUNT))
        .insecure(emulator.registryHost())
        .build();
  }
}
