package dev.ecr4j.core.retry;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the retries of single ECR calls, which the AWS SDK's standard retry strategy runs.
 *
 * <p>Two attempt limits apply. No call sends more than {@code maxAttempts} attempts. Once an
 * attempt fails other than by throttling (a 5xx status, a connection failure), the call sends no
 * more than {@code maxServerFailureAttempts} either. A throttled request is rejected before ECR
 * does any work and the throttling backoff spaces the retries out, so retrying throttling longer
 * adds no load to a service in trouble, while retrying 5xx longer would.
 *
 * <p>Defaults: {@code maxAttempts} 8, {@code maxServerFailureAttempts} 3 (the first attempt and 2
 * retries), {@code baseDelay} 100 ms, {@code throttlingBaseDelay} 1 s, {@code maxBackoff} 20 s,
 * {@code maxRetryAfter} 20 s and {@code deadline} 2 min. These are the SDK 2.59.1 standard-mode
 * values, except the throttling budget and the deadline: the SDK gives throttling the same 3
 * attempts as 5xx and leaves the deadline unbounded. When several threads each see 30% of their
 * requests throttled, a call fails with a chance of about 0.3^3 = 2.7% with 3 attempts, and of
 * about 0.3^8 = 0.007% with 8. Instances are immutable.
 */
public final class RetrySettings {

  // Throttling is retried longer than other failures: see the class comment.
  private static final int DEFAULT_MAX_ATTEMPTS = 8;
  // The SDK's standard mode sends 3 attempts; more only lengthens an outage.
  private static final int DEFAULT_MAX_SERVER_FAILURE_ATTEMPTS = 3;
  // Standard-mode backoff constants of SDK 2.59.1 (DefaultRetryStrategy.Standard).
  private static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(100);
  private static final Duration DEFAULT_THROTTLING_BASE_DELAY = Duration.ofSeconds(1);
  private static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(20);
  // A Retry-After longer than the longest backoff is capped, so a bad header cannot stall a call.
  private static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(20);
  // Long enough for 3 attempts with full backoff and 30 s socket timeouts, short enough for a CLI.
  private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);
  // ECR quotas allow far more, but more attempts per call only amplify an outage.
  private static final int MAX_ALLOWED_ATTEMPTS = 20;

  private static final RetrySettings DEFAULTS = builder().build();

  private final int maxAttempts;
  private final int maxServerFailureAttempts;
  private final Duration baseDelay;
  private final Duration throttlingBaseDelay;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Duration deadline;

  private RetrySettings(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.maxServerFailureAttempts = builder.maxServerFailureAttempts;
    this.baseDelay = builder.baseDelay;
    this.throttlingBaseDelay = builder.throttlingBaseDelay;
    this.maxBackoff = builder.maxBackoff;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.deadline = builder.deadline;
  }

  /** Returns the default settings. */
  public static RetrySettings defaults() {
    return DEFAULTS;
  }

  /** Returns settings that send every call exactly once. */
  public static RetrySettings noRetries() {
    return builder().maxAttempts(1).build();
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder with these settings. */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .maxServerFailureAttempts(maxServerFailureAttempts)
        .baseDelay(baseDelay)
        .throttlingBaseDelay(throttlingBaseDelay)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter)
        .deadline(deadline);
  }

  /** Returns the maximum attempts per call, the first one included: N retries are N+1 attempts. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the maximum attempts of a call once one of its attempts failed other than by
   * throttling, the first one included, but never more than {@link #maxAttempts()}.
   */
  public int maxServerFailureAttempts() {
    return Math.min(maxServerFailureAttempts, maxAttempts);
  }

  /** Returns the base of the jittered exponential backoff after a 5xx or connection failure. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** Returns the base of the jittered exponential backoff after throttling. */
  public Duration throttlingBaseDelay() {
    return throttlingBaseDelay;
  }

  /** Returns the longest backoff between two attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Returns the longest {@code Retry-After} the client waits for; longer values are capped. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** Returns the deadline of one call, every attempt and wait included. */
  public Duration deadline() {
    return deadline;
  }

  @Override
  public String toString() {
    return "RetrySettings{maxAttempts="
        + maxAttempts
        + ", maxServerFailureAttempts="
        + maxServerFailureAttempts()
        + ", baseDelay="
        + baseDelay
        + ", throttlingBaseDelay="
        + throttlingBaseDelay
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", deadline="
        + deadline
        + "}";
  }

  /** Builds {@link RetrySettings}; each setter validates its value. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private int maxServerFailureAttempts = DEFAULT_MAX_SERVER_FAILURE_ATTEMPTS;
    private Duration baseDelay = DEFAULT_BASE_DELAY;
    private Duration throttlingBaseDelay = DEFAULT_THROTTLING_BASE_DELAY;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private Duration deadline = DEFAULT_DEADLINE;

    private Builder() {}

    /**
     * Sets the maximum attempts of every call, from 1 (no retry) to 20. Throttled calls may use all
     * of them; see {@link #maxServerFailureAttempts(int)} for other failures.
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > MAX_ALLOWED_ATTEMPTS) {
        throw new IllegalArgumentException(
            "maxAttempts must be from 1 to "
                + MAX_ALLOWED_ATTEMPTS
                + ", but was "
                + maxAttempts
                + "; use 1 to turn retries off");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the maximum attempts of a call once an attempt failed other than by throttling, from 1
     * to 20. {@link #maxAttempts(int)} still caps it. Set both to the same value for one limit on
     * every call.
     */
    public Builder maxServerFailureAttempts(int maxServerFailureAttempts) {
      if (maxServerFailureAttempts < 1 || maxServerFailureAttempts > MAX_ALLOWED_ATTEMPTS) {
        throw new IllegalArgumentException(
            "maxServerFailureAttempts must be from 1 to "
                + MAX_ALLOWED_ATTEMPTS
                + ", but was "
                + maxServerFailureAttempts
                + "; use 1 to stop retrying after a 5xx status or a connection failure");
      }
      this.maxServerFailureAttempts = maxServerFailureAttempts;
      return this;
    }

    /** Sets the base delay after a 5xx or connection failure; zero or more. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = Durations.requireNotNegative("baseDelay", baseDelay);
      return this;
    }

    /** Sets the base delay after throttling; zero or more. */
    public Builder throttlingBaseDelay(Duration throttlingBaseDelay) {
      this.throttlingBaseDelay =
          Durations.requireNotNegative("throttlingBaseDelay", throttlingBaseDelay);
      return this;
    }

    /** Sets the longest backoff; zero or more. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Durations.requireNotNegative("maxBackoff", maxBackoff);
      return this;
    }

    /** Sets the longest {@code Retry-After} honoured; zero ignores the header. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Durations.requireNotNegative("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /** Sets the deadline of one call; positive. */
    public Builder deadline(Duration deadline) {
      this.deadline = Durations.requirePositive("deadline", deadline);
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException when a base delay is longer than {@code maxBackoff}
     */
    public RetrySettings build() {
      if (baseDelay.compareTo(maxBackoff) > 0 || throttlingBaseDelay.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException(
            "baseDelay ("
                + baseDelay
                + ") and throttlingBaseDelay ("
                + throttlingBaseDelay
                + ") must not exceed maxBackoff ("
                + maxBackoff
                + "); raise maxBackoff or lower the base delays");
      }
      return new RetrySettings(this);
    }
  }

  /** Returns whether {@code other} has the same values; used by tests and configuration diffing. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof RetrySettings)) {
      return false;
    }
    RetrySettings that = (RetrySettings) other;
    return maxAttempts == that.maxAttempts
        && maxServerFailureAttempts() == that.maxServerFailureAttempts()
        && baseDelay.equals(that.baseDelay)
        && throttlingBaseDelay.equals(that.throttlingBaseDelay)
        && maxBackoff.equals(that.maxBackoff)
        && maxRetryAfter.equals(that.maxRetryAfter)
        && deadline.equals(that.deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxAttempts,
        maxServerFailureAttempts(),
        baseDelay,
        throttlingBaseDelay,
        maxBackoff,
        maxRetryAfter,
        deadline);
  }
}
