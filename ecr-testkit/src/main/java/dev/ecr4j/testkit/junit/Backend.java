package dev.ecr4j.testkit.junit;

/**
 * The kind of backend that the JUnit extension starts.
 *
 * @since 0.1.0
 */
public enum Backend {
  /** The embedded emulator, in this JVM: no Docker, starts in milliseconds. The default. */
  EMBEDDED,

  /**
   * LocalStack in Docker, through Testcontainers. Needs Testcontainers' LocalStack module on the
   * test class path, a Docker engine and {@code LOCALSTACK_AUTH_TOKEN}; without them the tests are
   * skipped with the reason.
   */
  LOCALSTACK
}
