package dev.ecr4j.testkit.junit;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.TestBackend;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * A static extension field gives one backend to the whole class, reset before each test, with
 * clients that outlive the resets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaticFieldExtensionTest {

  private static final EmulatorCredentials CREDENTIALS =
      new EmulatorCredentials("AKIDSTATIC", "static-secret", "111122223333");

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @RegisterExtension
  static final EcrTestExtension ECR =
      EcrTestExtension.builder()
          .region("eu-west-1")
          .credentials(CREDENTIALS)
          .startTime(START)
          .build();

  private static final List<TestBackend> BACKENDS = new ArrayList<>();
  private static EcrClient clientFromBeforeAll;

  @BeforeAll
  static void keepClient(EcrClient ecr) {
    clientFromBeforeAll = ecr;
  }

  @Test
  @Order(1)
  void settingsApplied(EcrEndpoint endpoint, TestBackend backend) {
    BACKENDS.add(backend);

    assertThat(endpoint.region()).isEqualTo("eu-west-1");
    assertThat(endpoint.accountId()).isEqualTo("111122223333");
    assertThat(ECR.controls().now()).isBetween(START, START.plusSeconds(60));
    clientFromBeforeAll.createRepository(request -> request.repositoryName("static/one"));
  }

  @Test
  @Order(2)
  void sameBackendResetBetweenTests(TestBackend backend, Ecr4jClient ecr4j) {
    BACKENDS.add(backend);

    assertThat(BACKENDS.get(0)).isSameAs(backend);
    assertThat(ecr4j.repositories().list()).isEmpty();
    // The client from @BeforeAll still reaches the backend after the reset.
    assertThat(clientFromBeforeAll.describeRepositories().repositories()).isEmpty();
  }

  @Test
  @Order(3)
  void accessorsReachRunningBackend() {
    ECR.ecrClient().createRepository(request -> request.repositoryName("static/accessor"));

    assertThatRepository(ECR.ecr4jClient().sdkClient(), "static/accessor").exists();
    assertThat(ECR.endpoint()).isEqualTo(ECR.backend().endpoint());
  }
}
