package dev.ecr4j.testkit;

/**
 * An ECR endpoint for tests, started and owned by its creator: the embedded emulator ({@link
 * EmbeddedBackend}) or LocalStack ({@code dev.ecr4j.testkit.localstack.LocalStackBackend}). The
 * JUnit extension creates one per test class or per test; code outside JUnit can create one
 * directly and close it.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface TestBackend extends AutoCloseable {

  /** Returns the backend's name: {@code embedded} or {@code localstack}. */
  String name();

  /** Returns the current endpoint, region and credentials. */
  EcrEndpoint endpoint();

  /**
   * Returns the URI of a private repository in the endpoint's account and region, in the form that
   * registry clients on this machine can use: {@code HOST:PORT/...}.
   */
  String repositoryUri(String repositoryName);

  /**
   * Returns {@code repositoryUri} as CreateRepository or DescribeRepositories returned it,
   * rewritten so that registry clients on this machine reach it. The embedded emulator returns
   * usable URIs, so it returns them unchanged; LocalStack returns its container's own port, which
   * is rewritten to the port mapped on this machine.
   *
   * @throws IllegalArgumentException when the URI does not belong to this backend
   */
  String clientRepositoryUri(String repositoryUri);

  /** Returns the backend's controls. */
  EcrControls controls();

  /** Stops the backend and releases its port, container and files. Closing twice does nothing. */
  @Override
  void close();
}
