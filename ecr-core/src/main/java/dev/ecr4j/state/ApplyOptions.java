package dev.ecr4j.state;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options of {@link StateEngine#apply(Plan, ApplyOptions)}.
 *
 * <p>Defaults: destructive changes are refused; a policy that ECR rejects while IAM propagates a
 * new principal is sent up to 6 times, waiting 2 s, 4 s, 8 s, 16 s and 20 s in between (50 s in
 * all); no listener. Instances are immutable.
 */
public final class ApplyOptions {

  /** Waits between attempts; tests replace it to run without delay. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  // NOTE: an estimate. IAM usually propagates a new role within seconds, so about a minute covers
  // the usual case without hanging an apply for long on a principal that is simply wrong.
  private static final int DEFAULT_PRINCIPAL_ATTEMPTS = 6;
  private static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(2);
  private static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(20);

  private static final ApplyOptions DEFAULTS = builder().build();

  private final boolean allowDestructiveChanges;
  private final int principalAttempts;
  private final Duration principalBaseDelay;
  private final Duration principalMaxDelay;
  private final Sleeper sleeper;
  private final Consumer<Change> listener;

  private ApplyOptions(Builder builder) {
    this.allowDestructiveChanges = builder.allowDestructiveChanges;
    this.principalAttempts = builder.principalAttempts;
    this.principalBaseDelay = builder.principalBaseDelay;
    this.principalMaxDelay = builder.principalMaxDelay;
    this.sleeper = builder.sleeper;
    this.listener = builder.listener;
  }

  /** Returns the defaults. */
  public static ApplyOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether changes that delete something may be applied. */
  public boolean allowDestructiveChanges() {
    return allowDestructiveChanges;
  }

  /** Returns the attempts of a policy change that ECR rejects for a principal not yet known. */
  public int principalAttempts() {
    return principalAttempts;
  }

  /** Returns the wait before the second attempt; each later wait doubles, up to the maximum. */
  public Duration principalBaseDelay() {
    return principalBaseDelay;
  }

  /** Returns the longest wait between two attempts. */
  public Duration principalMaxDelay() {
    return principalMaxDelay;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  Consumer<Change> listener() {
    return listener;
  }

  /** Collects options; setters check their values. Not thread-safe. */
  public static final class Builder {
    private boolean allowDestructiveChanges;
    private int principalAttempts = DEFAULT_PRINCIPAL_ATTEMPTS;
    private Duration principalBaseDelay = DEFAULT_BASE_DELAY;
    private Duration principalMaxDelay = DEFAULT_MAX_DELAY;
    private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private Consumer<Change> listener = change -> {};

    private Builder() {}

    /**
     * Allows changes that delete repositories with their images, policies, configurations,
     * templates or rules. Without it, apply refuses a plan with any such change before making one.
     */
    public Builder allowDestructiveChanges(boolean allow) {
      this.allowDestructiveChanges = allow;
      return this;
    }

    /**
     * Sets how a policy change is retried when ECR rejects it because IAM has not propagated a
     * principal yet.
     *
     * @param attempts attempts in all, 1 to 20; 1 disables the retry
     * @param baseDelay the first wait, which doubles on each later attempt
     * @param maxDelay the longest wait
     */
    public Builder principalPropagationRetry(int attempts, Duration baseDelay, Duration maxDelay) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException(
            "attempts must be 1 to 20 (1 disables the retry), but was " + attempts);
      }
      Objects.requireNonNull(baseDelay, "baseDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException(
            "baseDelay must not be negative and maxDelay not below it, but were "
                + baseDelay
                + " and "
                + maxDelay);
      }
      this.principalAttempts = attempts;
      this.principalBaseDelay = baseDelay;
      this.principalMaxDelay = maxDelay;
      return this;
    }

    /** Replaces how apply waits between attempts, for tests. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Sets a listener called after each change that was applied, for progress output. */
    public Builder listener(Consumer<Change> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Returns the options. */
    public ApplyOptions build() {
      return new ApplyOptions(this);
    }
  }
}
