package dev.ecr4j.testkit.localstack;

import java.net.URI;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The running LocalStack container. This class and {@link DockerAvailability} are the only ones
 * that name Testcontainers' types, so the rest of the testkit loads without Testcontainers.
 */
final class LocalStackContainerHandle implements AutoCloseable {

  private final LocalStackContainer container;
  private final String image;

  private LocalStackContainerHandle(LocalStackContainer container, String image) {
    this.container = container;
    this.image = image;
  }

  /** Starts LocalStack with ECR only and waits for its {@code Ready.} line. */
  @SuppressWarnings("resource") // closed by close()
  static LocalStackContainerHandle start(String image, String authToken) {
    LocalStackContainer container =
        new LocalStackContainer(DockerImageName.parse(image))
            .withServices("ecr")
            .withEnv(LocalStackBackend.AUTH_TOKEN_VARIABLE, authToken)
            // Repository URIs then name the registry's own port, which can be mapped, instead of
            // a host name under localhost.localstack.cloud that only routes on the edge port.
            .withEnv("ECR_ENDPOINT_STRATEGY", "off");
    container.addExposedPort(LocalStackBackend.REGISTRY_PORT);
    container.start();
    return new LocalStackContainerHandle(container, image);
  }

  /** Returns {@code http://HOST:PORT} of the edge port mapped on this machine. */
  URI endpoint() {
    return container.getEndpoint();
  }

  /** Returns {@code HOST:PORT} of the registry port mapped on this machine. */
  String registryHost() {
    return container.getHost() + ":" + container.getMappedPort(LocalStackBackend.REGISTRY_PORT);
  }

  String image() {
    return image;
  }

  @Override
  public void close() {
    container.stop();
  }
}
