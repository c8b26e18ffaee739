package dev.ecr4j.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An event of the client's resilience layers: a retry, a breaker change or a token refresh. */
public sealed interface ResilienceEvent {

  /**
   * A failed attempt that will be retried after {@code delay}.
   *
   * @param operation the ECR operation, such as {@code PutImage}
   * @param failedAttempt the number of the attempt that failed, starting at 1
   * @param delay the wait before the next attempt, {@code Retry-After} included
   * @param failure the failure's class and ECR error code; never a secret
   */
  record RetryScheduled(String operation, int failedAttempt, Duration delay, String failure)
      implements ResilienceEvent {
    public RetryScheduled {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * A state change of the circuit breaker of {@code endpoint}.
   *
   * @param endpoint the endpoint, such as {@code https://api.ecr.eu-west-1.amazonaws.com}
   * @param from the previous state, such as {@code CLOSED}
   * @param to the new state, such as {@code OPEN}
   */
  record CircuitStateChanged(String endpoint, String from, String to) implements ResilienceEvent {
    public CircuitStateChanged {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /**
   * A registry authorization token was fetched.
   *
   * @param registry the registry id and region, such as {@code 123456789012 in eu-west-1}
   * @param expiresAt when the new token expires
   */
  record TokenRefreshed(String registry, Instant expiresAt) implements ResilienceEvent {
    public TokenRefreshed {
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * A token refresh failed.
   *
   * @param registry the registry id and region
   * @param staleTokenUsed whether the cached token, still valid, was returned instead
   * @param failure the failure's class and message; never a secret
   */
  record TokenRefreshFailed(String registry, boolean staleTokenUsed, String failure)
      implements ResilienceEvent {
    public TokenRefreshFailed {
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(failure, "failure");
    }
  }
}
