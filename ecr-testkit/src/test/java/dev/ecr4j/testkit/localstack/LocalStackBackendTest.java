package dev.ecr4j.testkit.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checks the LocalStack backend's requirements and URI rewriting without a container. Starting
 * LocalStack needs Docker and a token; the contract test covers that where both exist.
 */
class LocalStackBackendTest {

  @Test
  void missingTokenNamed() {
    Optional<String> reason = LocalStackBackend.unavailableReason(Map.<String, String>of()::get);

    assertThat(reason)
        .contains(
            "LOCALSTACK_AUTH_TOKEN is not set: LocalStack serves ECR only in its paid tiers, with"
                + " an auth token. Set the variable to run the LocalStack backend.");
  }

  @Test
  void blankTokenCountsAsMissing() {
    Optional<String> reason =
        LocalStackBackend.unavailableReason(Map.of("LOCALSTACK_AUTH_TOKEN", " ")::get);

    assertThat(reason).get().asString().startsWith("LOCALSTACK_AUTH_TOKEN is not set");
  }

  @Test
  void missingDockerNamedWhenTokenSet() {
    assumeTrue(
        DockerAvailability.unavailableReason().isPresent(),
        "a Docker engine answers on this machine");

    Optional<String> reason =
        LocalStackBackend.unavailableReason(Map.of("LOCALSTACK_AUTH_TOKEN", "ls-fake")::get);

    assertThat(reason).get().asString().startsWith("Docker is not available: ");
    assertThat(reason).get().asString().doesNotContain("ls-fake");
  }

  @Test
  void registryPortRewrittenToMappedPort() {
    String rewritten =
        LocalStackBackend.rewriteRepositoryUri(
            "localhost.localstack.cloud:4510/team/app", "127.0.0.1:32771");

    assertThat(rewritten).isEqualTo("127.0.0.1:32771/team/app");
  }

  @Test
  void edgePortUriRejected() {
    assertThatThrownBy(
            () ->
                LocalStackBackend.rewriteRepositoryUri(
                    "000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566/app",
                    "127.0.0.1:32771"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Repository URI '000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566/app'"
                + " names port 4566, expected LocalStack's registry port 4510: the container must"
                + " run with ECR_ENDPOINT_STRATEGY=off.");
  }

  @Test
  void uriWithoutPortRejected() {
    assertThatThrownBy(() -> LocalStackBackend.rewriteRepositoryUri("app", "127.0.0.1:32771"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid repository URI 'app': expected HOST:PORT/NAME.");
  }

  @Test
  void untaggedImageRejected() {
    assertThatThrownBy(() -> LocalStackBackend.builder().image("localstack/localstack-pro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid LocalStack image 'localstack/localstack-pro': pin a tag, such as"
                + " localstack/localstack-pro:4.14.0, so that test runs are repeatable.");
  }

  @Test
  void startWithoutRequirementsFails() {
    assumeTrue(LocalStackBackend.unavailableReason().isPresent(), "LocalStack can run here");

    assertThatThrownBy(LocalStackBackend::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot start the LocalStack backend: "
                + LocalStackBackend.unavailableReason().orElseThrow());
  }
}
