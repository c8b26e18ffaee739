package dev.ecr4j.testkit.junit;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ecr.EcrClient;

/** With shared isolation, a later test finds what an earlier one created. */
@EcrTest(isolation = Isolation.SHARED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedIsolationTest {

  @Test
  @Order(1)
  void firstCreatesRepository(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("shared/fixture"));
  }

  @Test
  @Order(2)
  void secondSeesRepository(EcrClient ecr) {
    assertThatRepository(ecr, "shared/fixture").exists();
  }
}
