package dev.ecr4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.TestBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/** A @Nested class runs on its enclosing class's backend and settings. */
@EcrTest(region = "ap-southeast-2")
class NestedClassTest {

  private static TestBackend outerBackend;

  @BeforeAll
  static void keepBackend(TestBackend backend) {
    outerBackend = backend;
  }

  @Test
  void outerTestRuns(EcrClient ecr) {
    assertThat(ecr.describeRepositories().repositories()).isEmpty();
  }

  @Nested
  @EcrTest(region = "eu-north-1")
  class Inner {

    @Test
    void sharesEnclosingBackend(TestBackend backend, EcrEndpoint endpoint, EcrClient ecr) {
      assertThat(backend).isSameAs(outerBackend);
      assertThat(endpoint.region()).isEqualTo("ap-southeast-2");
      assertThat(ecr.describeRepositories().repositories()).isEmpty();
    }
  }
}
