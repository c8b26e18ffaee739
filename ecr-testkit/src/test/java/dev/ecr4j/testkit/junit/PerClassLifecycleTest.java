package dev.ecr4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.testkit.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecr.EcrClient;

/** With one test instance per class, the constructor runs first and still gets the backend. */
@EcrTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerClassLifecycleTest {

  private final TestBackend constructorBackend;

  PerClassLifecycleTest(TestBackend backend) {
    this.constructorBackend = backend;
  }

  @Test
  void constructorAndTestShareBackend(TestBackend backend, EcrClient ecr) {
    assertThat(backend).isSameAs(constructorBackend);
    assertThat(ecr.describeRepositories().repositories()).isEmpty();
  }
}
