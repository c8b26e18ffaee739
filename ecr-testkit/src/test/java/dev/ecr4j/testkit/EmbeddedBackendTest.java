package dev.ecr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.testkit.EcrControls.Capability;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ecr.EcrClient;

@Timeout(60)
class EmbeddedBackendTest {

  private static final EmulatorCredentials CREDENTIALS =
      new EmulatorCredentials("AKIDEMBEDDED", "embedded-secret", "444455556666");

  @Test
  void resetKeepsPortAndDropsState() {
    try (EmbeddedBackend backend = EmbeddedBackend.start();
        EcrClient ecr = client(backend.endpoint())) {
      EcrEmulator before = backend.controls().emulator().orElseThrow();
      URI endpoint = backend.endpoint().endpoint();
      ecr.createRepository(request -> request.repositoryName("reset/me"));

      backend.controls().reset();

      assertThat(backend.endpoint().endpoint()).isEqualTo(endpoint);
      assertThat(backend.controls().emulator()).get().isNotSameAs(before);
      assertThat(ecr.describeRepositories().repositories()).isEmpty();
    }
  }

  @Test
  void clockStartsAtStartTimeAndAdvances() {
    Instant start = Instant.parse("2025-06-01T12:00:00Z");
    try (EmbeddedBackend backend = EmbeddedBackend.builder().startTime(start).start()) {
      EcrControls controls = backend.controls();

      controls.advanceClock(Duration.ofDays(2));

      assertThat(controls.now())
          .isBetween(
              start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(2)).plusSeconds(60));
      controls.reset();
      assertThat(controls.now()).isBetween(start, start.plusSeconds(60));
    }
  }

  @Test
  void negativeClockAdvanceRejected() {
    try (EmbeddedBackend backend = EmbeddedBackend.start()) {
      assertThatThrownBy(() -> backend.controls().advanceClock(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Invalid clock advance PT-1S: the clock only moves forward; expected >= 0.");
    }
  }

  @Test
  void settingsReachEndpoint() {
    try (EmbeddedBackend backend =
        EmbeddedBackend.builder().credentials(CREDENTIALS).region("eu-central-1").start()) {
      EcrEndpoint endpoint = backend.endpoint();

      assertThat(endpoint.region()).isEqualTo("eu-central-1");
      assertThat(endpoint.accountId()).isEqualTo("444455556666");
      assertThat(backend.repositoryUri("team/app"))
          .isEqualTo(endpoint.registryHost() + "/444455556666/eu-central-1/team/app");
      assertThat(backend.controls().supports(Capability.CLOCK)).isTrue();
      assertThat(backend.toString()).doesNotContain("embedded-secret");
    }
  }

  @Test
  void foreignRepositoryUriRejected() {
    try (EmbeddedBackend backend = EmbeddedBackend.start()) {
      assertThatThrownBy(() -> backend.clientRepositoryUri("example.com:5000/app"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "Repository URI 'example.com:5000/app' does not belong to the embedded emulator");
    }
  }

  @Test
  void closedBackendRejectsUse() {
    EmbeddedBackend backend = EmbeddedBackend.start();
    backend.close();
    backend.close();

    assertThatThrownBy(backend::endpoint)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The embedded ECR backend is closed: its test class or test has finished.");
  }

  @Test
  void invalidRegionRejected() {
    assertThatThrownBy(() -> EmbeddedBackend.builder().region("EU West"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid region 'EU West': expected a region name such as us-east-1.");
  }

  private static EcrClient client(EcrEndpoint endpoint) {
    return EcrClient.builder()
        .endpointOverride(endpoint.endpoint())
        .region(endpoint.sdkRegion())
        .credentialsProvider(endpoint.credentialsProvider())
        .build();
  }
}
