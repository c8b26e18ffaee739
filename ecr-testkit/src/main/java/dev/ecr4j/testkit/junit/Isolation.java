package dev.ecr4j.testkit.junit;

/**
 * Whether tests that share a backend also share its state.
 *
 * @since 0.1.0
 */
public enum Isolation {
  /**
   * Every test starts with an empty registry: the backend is reset before each test, unless nothing
   * has used it since it started. Data created in {@code @BeforeAll} or a constructor is therefore
   * gone before the test runs, so create it in {@code @BeforeEach}. The default.
   */
  PER_TEST,

  /**
   * Tests see what earlier tests of the same backend left behind. Use it for a class whose tests
   * build on one fixture, with {@code @TestMethodOrder} when the order matters.
   */
  SHARED
}
