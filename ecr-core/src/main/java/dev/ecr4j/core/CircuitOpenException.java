package dev.ecr4j.core;

/**
 * Thrown without calling ECR when the circuit breaker of the endpoint is open, because recent calls
 * to it failed with 5xx errors, throttling or connection failures.
 */
public final class CircuitOpenException extends Ecr4jException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;

  /** Creates the exception for {@code operation} on {@code endpoint}. */
  public CircuitOpenException(String operation, String endpoint) {
    super(
        operation
            + " was not sent because the circuit breaker for "
            + endpoint
            + " is open after repeated server errors, throttling or connection failures; retry"
            + " after the breaker's wait time");
    this.endpoint = endpoint;
  }

  /** Returns the endpoint whose breaker is open. */
  public String endpoint() {
    return endpoint;
  }
}
