package dev.ecr4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.core.auth.RegistryTokenProvider;
import dev.ecr4j.core.retry.RetrySettings;
import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.MediaTypes;
import dev.ecr4j.oci.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Faults and ECR quirks a real registry does not produce on demand, on MockWebServer. */
@Timeout(60)
class RegistryFaultsTest {

  private final FakeRegistry fake = new FakeRegistry();
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  @TempDir Path temp;
  private OciLayout layout;
  private ImageManifest manifest;
  private byte[] layer;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(fake);
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    layout = OciLayout.create(temp.resolve("layout"));
    layer = new byte[11 * 1024 * 1024 + 5];
    new Random(3).nextBytes(layer);
    Descriptor layerDescriptor = layout.putBlob(MediaTypes.OCI_LAYER_TAR, layer);
    Descriptor config =
        layout.putBlob(
            MediaTypes.OCI_CONFIG,
            "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
    manifest = ImageManifest.of(config, List.of(layerDescriptor));
    layout.putManifest(manifest, Optional.of("v1"));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private String address() {
    return "127.0.0.1:" + server.getPort();
  }

  private RegistryClient.Builder client() {
    return RegistryClient.builder()
        .insecure(address())
        .sleeper(sleeps::add)
        .retrySettings(RetrySettings.builder().maxAttempts(3).build());
  }

  private ImageReference target(String repositoryAndTag) {
    return ImageReference.parse(address() + "/" + repositoryAndTag);
  }

  @Test
  void throttled_upload_waits_for_retry_after() throws IOException {
    fake.fault(
        "POST",
        "/blobs/uploads/",
        FakeRegistry.error(429, "TOOMANYREQUESTS", "Rate exceeded").setHeader("Retry-After", "7"));
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
    }
    assertThat(sleeps)
        .anySatisfy(delay -> assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    assertThat(fake.blobs).containsKey(manifest.layers().get(0).digest().toString());
  }

  @Test
  void server_error_mid_upload_restarts_session() throws IOException {
    fake.fault("PATCH", "/blobs/uploads/", FakeRegistry.error(503, "UNAVAILABLE", "try later"));
    try (RegistryClient client = client().parallelism(1).build()) {
      client.push(layout.image("v1"), target("app:v1"));
    }
    // Two blobs, and one session started again after the 503.
    assertThat(fake.count("POST /blobs/uploads/")).isEqualTo(3);
    assertThat(fake.blobs).containsKey(manifest.layers().get(0).digest().toString());
  }

  @Test
  void attempts_never_exceed_maximum() throws IOException {
    for (int i = 0; i < 10; i++) {
      fake.fault("POST", "/blobs/uploads/", FakeRegistry.error(503, "UNAVAILABLE", "down"));
    }
    try (RegistryClient client = client().parallelism(1).build()) {
      assertThatThrownBy(() -> client.push(layout.image("v1"), target("app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 503");
    }
    assertThat(fake.count("POST /blobs/uploads/")).isEqualTo(3);
  }

  @Test
  void upload_server_errors_use_server_failure_budget() throws IOException {
    for (int i = 0; i < 10; i++) {
      fake.fault("POST", "/blobs/uploads/", FakeRegistry.error(503, "UNAVAILABLE", "down"));
    }
    try (RegistryClient client = client().retrySettings(splitBudget()).parallelism(1).build()) {
      assertThatThrownBy(() -> client.push(layout.image("v1"), target("app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 503");
    }
    // The first blob's sessions: every POST between its HEAD and the next request of another kind.
    List<String> requests = List.copyOf(fake.requests);
    int head =
        requests.indexOf(
            requests.stream().filter(r -> r.startsWith("HEAD")).findFirst().orElseThrow());
    long sessions = requests.stream().skip(head + 1L).takeWhile(r -> r.startsWith("POST")).count();
    assertThat(sessions).as("%s", requests).isEqualTo(2);
  }

  @Test
  void upload_throttling_uses_whole_budget() throws IOException {
    for (int i = 0; i < 4; i++) {
      fake.fault("POST", "/blobs/uploads/", FakeRegistry.error(429, "TOOMANYREQUESTS", "slow"));
    }
    try (RegistryClient client = client().retrySettings(splitBudget()).parallelism(1).build()) {
      client.push(layout.image("v1"), target("app:v1"));
    }
    assertThat(fake.blobs).containsKey(manifest.layers().get(0).digest().toString());
  }

  @Test
  void manifest_server_errors_use_server_failure_budget() throws IOException {
    try (RegistryClient client = client().retrySettings(splitBudget()).build()) {
      client.push(layout.image("v1"), target("app:v1"));
      for (int i = 0; i < 10; i++) {
        fake.fault("GET", "/manifests/v1", FakeRegistry.error(502, "UNAVAILABLE", "down"));
      }
      OciLayout back = OciLayout.create(temp.resolve("back"));
      assertThatThrownBy(() -> client.pull(target("app:v1"), back, "v1"))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 502");
    }
    assertThat(fake.count("GET /manifests/v1")).isEqualTo(2);
  }

  @Test
  void blob_download_server_errors_use_server_failure_budget() throws IOException {
    Digest layerDigest = manifest.layers().get(0).digest();
    try (RegistryClient client = client().retrySettings(splitBudget()).parallelism(1).build()) {
      client.push(layout.image("v1"), target("app:v1"));
      for (int i = 0; i < 10; i++) {
        fake.fault("GET", "/blobs/" + layerDigest, FakeRegistry.error(500, "UNKNOWN", "down"));
      }
      OciLayout back = OciLayout.create(temp.resolve("back"));
      assertThatThrownBy(() -> client.pull(target("app:v1"), back, "v1"))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 500");
    }
    assertThat(fake.count("GET /blobs/" + layerDigest)).isEqualTo(2);
  }

  /** Six attempts for throttling, but only two once a request failed otherwise. */
  private static RetrySettings splitBudget() {
    return RetrySettings.builder().maxAttempts(6).maxServerFailureAttempts(2).build();
  }

  @Test
  void forbidden_head_names_expired_token() throws IOException {
    fake.fault("HEAD", "/blobs/", FakeRegistry.error(403, "DENIED", "expired"));
    try (RegistryClient client = client().parallelism(1).build()) {
      assertThatThrownBy(() -> client.push(layout.image("v1"), target("app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining("or the token has expired");
    }
  }

  @Test
  void expired_token_text_asks_for_new_token() throws IOException {
    // Twice, because the client replays the request once after an expired token.
    for (int i = 0; i < 2; i++) {
      fake.fault(
          "PUT",
          "/manifests/v1",
          FakeRegistry.error(
              403,
              "DENIED",
              "Your authorization token has expired. Reauthenticate and try again."));
    }
    try (RegistryClient client = client().build()) {
      assertThatThrownBy(() -> client.push(layout.image("v1"), target("app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("get a new token")
          .hasMessageNotContaining("lack permission");
    }
  }

  @Test
  void too_large_upload_falls_back_to_parts() throws IOException {
    fake.monolithicLimit = 6 * 1024 * 1024;
    try (RegistryClient client = client().chunkSize(RegistryClient.MIN_CHUNK_SIZE).build()) {
      client.push(layout.image("v1"), target("app:v1"));
    }
    assertThat(fake.blobs.get(manifest.layers().get(0).digest().toString())).isEqualTo(layer);
    assertThat(fake.contentRanges).containsExactly("0-5242879", "5242880-10485759");
  }

  @Test
  void dropped_large_upload_retries_in_parts() throws IOException {
    fake.dropLargeUploadOnce = true;
    try (RegistryClient client =
        client().parallelism(1).chunkSize(RegistryClient.MIN_CHUNK_SIZE).build()) {
      client.push(layout.image("v1"), target("app:v1"));
    }
    assertThat(fake.blobs.get(manifest.layers().get(0).digest().toString())).isEqualTo(layer);
    assertThat(fake.contentRanges).containsExactly("0-5242879", "5242880-10485759");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void chunk_size_below_five_mib_rejected() {
    assertThatThrownBy(() -> RegistryClient.builder().chunkSize(1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 5242880 bytes (5 MiB)");
  }

  @Test
  void expired_token_is_refreshed_and_replayed() throws IOException {
    AtomicInteger fetches = new AtomicInteger();
    RegistryTokenProvider tokens =
        RegistryTokenProvider.builder()
            .region("eu-west-1")
            .identity("test")
            .source(
                registryId ->
                    new AuthorizationToken(
                        "AWS",
                        "token-" + fetches.incrementAndGet(),
                        Instant.now().plus(Duration.ofHours(12)),
                        "https://" + registryId + ".dkr.ecr.eu-west-1.amazonaws.com"))
            .build();
    fake.requiredAuthorizationPrefix = "Basic ";
    fake.expiredAuthorizations.add(tokens.token("123456789012").basicAuthorization());
    try (RegistryClient client =
        client().parallelism(1).auth(address(), RegistryAuth.ecr(tokens, "123456789012")).build()) {
      client.push(layout.image("v1"), target("app:v1"));
    }
    assertThat(fetches).hasValue(2);
    assertThat(fake.authorizations)
        .last()
        .isEqualTo(tokens.token("123456789012").basicAuthorization());
    assertThat(fake.blobs).hasSize(2);
  }

  @Test
  void mount_answered_with_upload_continues_upload() throws IOException {
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
      // The fake registry ignores mount parameters and starts an upload (202), as ECR does for
      // blobs that no manifest of the source repository references.
      TransferResult copied = client.copy(target("app:v1"), target("other:v1"));
      assertThat(copied.blobsMounted()).isZero();
      assertThat(copied.blobsTransferred()).isEqualTo(2);
    }
    assertThat(fake.count("POST /other/blobs/uploads/")).isEqualTo(2);
  }

  @Test
  void rejected_mount_falls_back_to_upload() throws IOException {
    try (RegistryClient client = client().parallelism(1).build()) {
      client.push(layout.image("v1"), target("app:v1"));
      fake.fault(
          "POST",
          "/other/blobs/uploads/",
          FakeRegistry.error(405, "UNSUPPORTED", "cross-repository mount is not supported"));
      TransferResult copied = client.copy(target("app:v1"), target("other:v1"));
      assertThat(copied.blobsTransferred()).isEqualTo(2);
    }
    // One rejected mount, then a plain upload for that blob, and a 202 mount for the other.
    assertThat(fake.count("POST /other/blobs/uploads/")).isEqualTo(3);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void copy_skips_blobs_target_has() throws IOException {
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
      client.push(layout.image("v1"), target("other:v1"));
      TransferResult copied = client.copy(target("app:v1"), target("other:v2"));
      assertThat(copied.blobsExisting()).isEqualTo(2);
      assertThat(copied.bytesTransferred()).isZero();
    }
  }

  @Test
  void referrers_api_is_used_when_served() throws IOException {
    fake.referrersApi = true;
    Descriptor empty = layout.putBlob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
    ImageManifest signature =
        ImageManifest.builder(empty)
            .layer(empty)
            .artifactType("application/vnd.example.signature")
            .subject(manifest.descriptor())
            .build();
    layout.putManifest(signature, Optional.of("sig"));
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
      client.push(layout.image("sig"), target("app@" + signature.digest()));
      assertThat(
              client
                  .referrers(
                      target("app@" + manifest.digest()), "application/vnd.example.signature")
                  .manifests())
          .extracting(Descriptor::digest)
          .containsExactly(signature.digest());
    }
    // With OCI-Subject in the response, no fallback tag is written.
    assertThat(fake.count("PUT /manifests/sha256-")).isZero();
  }

  @Test
  void bearer_challenge_gets_token_per_scope() throws IOException {
    fake.bearer = true;
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("team/app:v1"));
      client.pull(target("team/app:v1"), OciLayout.create(temp.resolve("bearer")), "v1");
    }
    assertThat(fake.tokenScopes)
        .contains("repository:team/app:pull,push", "repository:team/app:pull");
    assertThat(fake.blobs).hasSize(2);
  }

  @Test
  void wrong_stored_digest_fails_without_retry() throws IOException {
    fake.wrongBlobDigest = true;
    try (RegistryClient client = client().parallelism(1).build()) {
      assertThatThrownBy(() -> client.push(layout.image("v1"), target("app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("was expected");
    }
    assertThat(fake.count("PUT /blobs/uploads/")).isEqualTo(1);
  }

  @Test
  void immutable_tag_with_same_digest_succeeds() throws IOException {
    fake.immutableRepositories.add("app");
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
      TransferResult again = client.push(layout.image("v1"), target("app:v1"));
      assertThat(again.digest()).isEqualTo(manifest.digest());
    }
    assertThat(fake.count("PUT /manifests/v1")).isEqualTo(1);
  }

  @Test
  void immutable_tag_with_other_digest_fails_clearly() throws IOException {
    fake.immutableRepositories.add("app");
    ImageManifest other =
        ImageManifest.builder(manifest.config())
            .layers(manifest.layers())
            .annotations(java.util.Map.of("rebuilt", "yes"))
            .build();
    layout.putManifest(other, Optional.of("v2"));
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
      assertThatThrownBy(() -> client.push(layout.image("v2"), target("app:v1")))
          .isInstanceOf(TagImmutableException.class)
          .hasMessageContaining("The tag 'v1' of " + address() + "/app is immutable");
    }
    assertThat(fake.count("PUT /manifests/v1")).isEqualTo(2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void dropped_download_resumes_with_range() throws IOException {
    try (RegistryClient client = client().build()) {
      client.push(layout.image("v1"), target("app:v1"));
      fake.dropFirstBlobDownload = true;
      OciLayout back = OciLayout.create(temp.resolve("back"));
      client.pull(target("app:v1"), back, "v1");
      assertThat(Files.readAllBytes(back.blobPath(manifest.layers().get(0).digest())))
          .isEqualTo(layer);
    }
  }

  @Test
  void oversized_manifest_is_rejected() throws IOException {
    fake.fault(
        "GET",
        "/manifests/big",
        new MockResponse()
            .setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
            .setBody(new okio.Buffer().write(new byte[5 * 1024 * 1024])));
    try (RegistryClient client = client().build()) {
      assertThatThrownBy(
              () -> client.pull(target("app:big"), OciLayout.create(temp.resolve("big")), "big"))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("4 MiB");
    }
  }
}
