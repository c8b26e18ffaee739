package dev.ecr4j.testkit.junit;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.TestBackend;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started backend with the clients handed to tests, kept in JUnit's extension store so that JUnit
 * closes it when the test class or test that owns it finishes. It implements the deprecated {@code
 * CloseableResource} as well as {@link AutoCloseable}, because JUnit before 5.13 closes only the
 * former; closing twice does nothing.
 */
@SuppressWarnings("deprecation") // CloseableResource, for JUnit 5.10 to 5.12
final class BackendSession implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private final TestBackend backend;
  private final Isolation isolation;
  private final Object lock = new Object();

  // Guarded by lock.
  private @Nullable Ecr4jClient client;
  private @Nullable EcrEndpoint clientEndpoint;
  private boolean pristine = true;
  private boolean closed;

  BackendSession(TestBackend backend, Isolation isolation) {
    this.backend = backend;
    this.isolation = isolation;
  }

  TestBackend backend() {
    return backend;
  }

  Isolation isolation() {
    return isolation;
  }

  /**
   * Resets the backend before a test when tests are isolated and something may have used it
   * already: an earlier test, or a parameter resolved in {@code @BeforeAll} or a constructor.
   */
  void beforeTest() {
    synchronized (lock) {
      if (isolation == Isolation.PER_TEST && !pristine) {
        backend.controls().reset();
      }
      pristine = false;
    }
  }

  /** Marks the backend as used, so that the next test of an isolated class gets a reset. */
  void markUsed() {
    synchronized (lock) {
      pristine = false;
    }
  }

  /**
   * Returns the ecr4j client of this backend, creating it on first use. A client is rebuilt when
   * the endpoint changed, which happens only when a reset could not keep the emulator's port.
   */
  Ecr4jClient client() {
    synchronized (lock) {
      pristine = false;
      EcrEndpoint endpoint = backend.endpoint();
      Ecr4jClient current = client;
      if (current != null && endpoint.equals(clientEndpoint)) {
        return current;
      }
      if (current != null) {
        current.close();
      }
      Ecr4jClient created = newClient(endpoint);
      client = created;
      clientEndpoint = endpoint;
      return created;
    }
  }

  /**
   * Builds a client with no rate limits: ECR's quotas, such as 10 PutImage calls per second, would
   * only slow tests down against a local backend.
   */
  static Ecr4jClient newClient(EcrEndpoint endpoint) {
    return Ecr4jClient.builder()
        .endpointOverride(endpoint.endpoint())
        .region(endpoint.sdkRegion())
        .credentialsProvider(endpoint.credentialsProvider())
        .rateLimitSettings(RateLimitSettings.unlimited())
        .build();
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (client != null) {
          client.close();
        }
      } finally {
        backend.close();
      }
    }
  }
}
