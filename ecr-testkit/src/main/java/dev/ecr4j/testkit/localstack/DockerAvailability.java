package dev.ecr4j.testkit.localstack;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers once per JVM whether a Docker engine is reachable. */
final class DockerAvailability {

  private static final Optional<String> REASON = check();

  private DockerAvailability() {}

  static Optional<String> unavailableReason() {
    return REASON;
  }

  private static Optional<String> check() {
    try {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return Optional.empty();
      }
      return Optional.of(
          "Docker is not available: Testcontainers found no Docker engine (it checks DOCKER_HOST,"
              + " the Docker socket and ~/.testcontainers.properties). Start Docker to run the"
              + " LocalStack backend.");
    } catch (RuntimeException | LinkageError e) {
      return Optional.of(
          "Docker is not available: Testcontainers failed to look for a Docker engine: " + e);
    }
  }
}
