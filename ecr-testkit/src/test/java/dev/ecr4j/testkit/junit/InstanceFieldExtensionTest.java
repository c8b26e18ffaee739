package dev.ecr4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.testkit.TestBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

/** An instance extension field gives each test its own backend, closed after the test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstanceFieldExtensionTest {

  private static final List<TestBackend> BACKENDS = new ArrayList<>();

  @RegisterExtension final EcrTestExtension ecr = EcrTestExtension.builder().build();

  @Test
  @Order(1)
  void firstTestGetsBackend(TestBackend backend, EcrClient client) {
    BACKENDS.add(backend);

    client.createRepository(request -> request.repositoryName("instance/one"));

    assertThat(ecr.backend()).isSameAs(backend);
  }

  @Test
  @Order(2)
  void secondTestGetsAnotherBackend(TestBackend backend, EcrClient client) {
    BACKENDS.add(backend);

    assertThat(BACKENDS.get(0)).isNotSameAs(backend);
    assertThat(client.describeRepositories().repositories()).isEmpty();
    assertThatThrownBy(() -> BACKENDS.get(0).endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The embedded ECR backend is closed: its test class or test has finished.");
  }
}
