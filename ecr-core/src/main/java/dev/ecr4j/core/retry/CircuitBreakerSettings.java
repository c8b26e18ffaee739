package dev.ecr4j.core.retry;

import java.time.Duration;

/**
 * Settings of the circuit breaker that the client keeps per endpoint. Only 5xx responses,
 * throttling and connection failures count as failures; client errors such as a missing repository
 * never open the breaker.
 *
 * <p>Defaults: opens when at least half of the last 20 calls failed, after at least 10 calls; stays
 * open 30 s; then lets 3 trial calls through. The breaker counts logical calls, after the SDK's
 * retries, so one throttled attempt that a retry recovers is a success. Instances are immutable.
 */
public final class CircuitBreakerSettings {

  // Half the calls failing means the endpoint is down or badly overloaded, not flaky.
  private static final float DEFAULT_FAILURE_RATE_PERCENT = 50f;
  // Resilience4j's default window is 100 calls, too slow to react for a CLI-sized workload.
  private static final int DEFAULT_WINDOW = 20;
  private static final int DEFAULT_MINIMUM_CALLS = 10;
  // Longer than ECR's usual throttling bursts, shorter than a user's patience.
  private static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(30);
  private static final int DEFAULT_HALF_OPEN_CALLS = 3;

  private static final CircuitBreakerSettings DEFAULTS = builder().build();
  private static final CircuitBreakerSettings DISABLED = builder().enabled(false).build();

  private final boolean enabled;
  private final float failureRatePercent;
  private final int windowSize;
  private final int minimumCalls;
  private final Duration waitInOpenState;
  private final int halfOpenCalls;

  private CircuitBreakerSettings(Builder builder) {
    this.enabled = builder.enabled;
    this.failureRatePercent = builder.failureRatePercent;
    this.windowSize = builder.windowSize;
    this.minimumCalls = builder.minimumCalls;
    this.waitInOpenState = builder.waitInOpenState;
    this.halfOpenCalls = builder.halfOpenCalls;
  }

  /** Returns the default settings. */
  public static CircuitBreakerSettings defaults() {
    return DEFAULTS;
  }

  /** Returns settings that never open the breaker. */
  public static CircuitBreakerSettings disabled() {
    return DISABLED;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether the breaker is in use. */
  public boolean enabled() {
    return enabled;
  }

  /** Returns the failure rate, in percent, at which the breaker opens. */
  public float failureRatePercent() {
    return failureRatePercent;
  }

  /** Returns how many recent calls the failure rate is computed over. */
  public int windowSize() {
    return windowSize;
  }

  /** Returns how many calls the breaker needs before it may open. */
  public int minimumCalls() {
    return minimumCalls;
  }

  /** Returns how long the breaker stays open before trial calls. */
  public Duration waitInOpenState() {
    return waitInOpenState;
  }

  /** Returns how many trial calls the half-open breaker lets through. */
  public int halfOpenCalls() {
    return halfOpenCalls;
  }

  @Override
  public String toString() {
    return "CircuitBreakerSettings{enabled="
        + enabled
        + ", failureRatePercent="
        + failureRatePercent
        + ", windowSize="
        + windowSize
        + ", minimumCalls="
        + minimumCalls
        + ", waitInOpenState="
        + waitInOpenState
        + ", halfOpenCalls="
        + halfOpenCalls
        + "}";
  }

  /** Builds {@link CircuitBreakerSettings}; each setter validates its value. */
  public static final class Builder {
    private boolean enabled = true;
    private float failureRatePercent = DEFAULT_FAILURE_RATE_PERCENT;
    private int windowSize = DEFAULT_WINDOW;
    private int minimumCalls = DEFAULT_MINIMUM_CALLS;
    private Duration waitInOpenState = DEFAULT_WAIT_IN_OPEN;
    private int halfOpenCalls = DEFAULT_HALF_OPEN_CALLS;

    private Builder() {}

    /** Sets whether the breaker is in use. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets the failure rate in percent, above 0 and at most 100. */
    public Builder failureRatePercent(float failureRatePercent) {
      if (!(failureRatePercent > 0f && failureRatePercent <= 100f)) {
        throw new IllegalArgumentException(
            "failureRatePercent must be above 0 and at most 100, but was " + failureRatePercent);
      }
      this.failureRatePercent = failureRatePercent;
      return this;
    }

    /** Sets the number of recent calls in the window; at least 1. */
    public Builder windowSize(int windowSize) {
      this.windowSize = requireAtLeastOne("windowSize", windowSize);
      return this;
    }

    /** Sets the number of calls needed before the breaker may open; at least 1. */
    public Builder minimumCalls(int minimumCalls) {
      this.minimumCalls = requireAtLeastOne("minimumCalls", minimumCalls);
      return this;
    }

    /** Sets how long the breaker stays open; positive. */
    public Builder waitInOpenState(Duration waitInOpenState) {
      this.waitInOpenState = Durations.requirePositive("waitInOpenState", waitInOpenState);
      return this;
    }

    /** Sets the number of trial calls when half-open; at least 1. */
    public Builder halfOpenCalls(int halfOpenCalls) {
      this.halfOpenCalls = requireAtLeastOne("halfOpenCalls", halfOpenCalls);
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException when {@code minimumCalls} exceeds {@code windowSize}
     */
    public CircuitBreakerSettings build() {
      if (minimumCalls > windowSize) {
        throw new IllegalArgumentException(
            "minimumCalls ("
                + minimumCalls
                + ") must not exceed windowSize ("
                + windowSize
                + "), or the breaker could never open");
      }
      return new CircuitBreakerSettings(this);
    }

    private static int requireAtLeastOne(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
      }
      return value;
    }
  }
}
