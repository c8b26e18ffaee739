package dev.ecr4j.core.internal;

import dev.ecr4j.core.CircuitOpenException;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.RetriesExhaustedException;
import dev.ecr4j.core.ThrottledException;
import dev.ecr4j.core.retry.CircuitBreakerSettings;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.core.retry.ResilienceEvent;
import dev.ecr4j.core.retry.RetrySettings;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Runs one logical ECR call through the resilience layers, outermost first: the rate limiter of
 * (account, region, API), the circuit breaker of the endpoint, then the SDK call with its own
 * retries and the call's deadline. Each layer handles one kind of failure, so none multiplies the
 * attempts of another: only the SDK retries, and no call sends more than {@link
 * RetrySettings#maxAttempts()} attempts.
 *
 * <p>Thread-safe.
 */
public final class EcrCalls {

  private static final Logger LOG = LoggerFactory.getLogger(EcrCalls.class);

  // Permits refill every second, because ECR's quotas are per second.
  private static final Duration LIMIT_REFRESH_PERIOD = Duration.ofSeconds(1);
  // The limiter may reserve this far ahead; each call then rejects a wait beyond its deadline.
  private static final Duration MAX_PERMIT_WAIT = Duration.ofHours(1);

  private final String identity;
  private final String region;
  private final String endpoint;
  private final RetrySettings retry;
  private final RateLimitSettings limits;
  private final @Nullable CircuitBreaker breaker;
  private final Events events;
  private final Clock clock;

  /**
   * Creates the executor.
   *
   * @param identity the account id, or a fingerprint of the credentials; keys the rate limiters
   * @param region the region name; keys the rate limiters
   * @param endpoint the endpoint URI or host; keys the circuit breaker
   */
  public EcrCalls(
      String identity,
      String region,
      String endpoint,
      RetrySettings retry,
      RateLimitSettings limits,
      CircuitBreakerSettings breakerSettings,
      Events events,
      Clock clock) {
    this.identity = identity;
    this.region = region;
    this.endpoint = endpoint;
    this.retry = retry;
    this.limits = limits;
    this.events = events;
    this.clock = clock;
    this.breaker = breakerSettings.enabled() ? breakerFor(endpoint, breakerSettings, events) : null;
  }

  /**
   * Builds the SDK retry strategy for these settings: standard mode with the AWS retry conditions,
   * without the SDK's own token-bucket breaker (the endpoint breaker replaces it), and with {@code
   * Retry-After} honoured.
   */
  public RetryStrategy sdkRetryStrategy() {
    RetryStrategy standard =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(retry.maxAttempts())
            .backoffStrategy(
                BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff()))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelay(retry.throttlingBaseDelay(), retry.maxBackoff()))
            .circuitBreakerEnabled(false)
            .build();
    return new ObservedRetryStrategy(
        standard, retry.maxServerFailureAttempts(), retry.maxRetryAfter(), events, clock);
  }

  /** Returns the interceptor that counts attempts; register it on the SDK client. */
  public static ExecutionInterceptor attemptCounter() {
    return new AttemptCounter();
  }

  /**
   * Runs {@code call} as one logical call of {@code operation}.
   *
   * @param call sends the request, applying the given override configuration, which carries the
   *     remaining deadline
   * @throws Ecr4jException the mapped failure; {@link RetriesExhaustedException} when retries ran
   *     out or the deadline passed
   */
  public <T> T call(String operation, Function<AwsRequestOverrideConfiguration, T> call) {
    long startNanos = System.nanoTime();
    Duration deadline = retry.deadline();

    // 1. Rate limiter: wait for a permit, but never beyond the deadline.
    acquirePermit(operation, deadline);
    Duration remaining = deadline.minusNanos(System.nanoTime() - startNanos);
    if (remaining.isNegative() || remaining.isZero()) {
      throw new RetriesExhaustedException(
          operation,
          0,
          elapsedSince(startNanos),
          true,
          new Ecr4jException(operation + " waited for the rate limiter until its deadline"));
    }

    // 2. Circuit breaker: refuse at once while the endpoint is known to be failing.
    if (breaker != null && !breaker.tryAcquirePermission()) {
      throw new CircuitOpenException(operation, endpoint);
    }

    // 3. The SDK call with its retries, bounded by what is left of the deadline.
    AwsRequestOverrideConfiguration override =
        AwsRequestOverrideConfiguration.builder().apiCallTimeout(remaining).build();
    CallContext context = CallContext.enter(operation);
    long breakerStart = System.nanoTime();
    try {
      T result = call.apply(override);
      recordBreaker(null, breakerStart);
      LOG.debug(
          "event=call operation={} attempts={} elapsedMs={} outcome=success",
          operation,
          context.attempts,
          elapsedSince(startNanos).toMillis());
      return result;
    } catch (SdkException e) {
      recordBreaker(e, breakerStart);
      Ecr4jException mapped =
          ExceptionMapper.map(operation, e, context.attempts, elapsedSince(startNanos));
      LOG.debug(
          "event=call operation={} attempts={} elapsedMs={} outcome={}",
          operation,
          context.attempts,
          elapsedSince(startNanos).toMillis(),
          Failures.summary(e));
      throw mapped;
    } catch (CallNotPermittedException e) {
      throw new CircuitOpenException(operation, endpoint);
    } finally {
      CallContext.exit();
    }
  }

  /** Returns the region this executor's calls go to. */
  public String region() {
    return region;
  }

  private void acquirePermit(String operation, Duration deadline) {
    OptionalInt rate = limits.rateFor(operation);
    if (rate.isEmpty()) {
      return;
    }
    int permitsPerSecond = rate.getAsInt();
    RateLimiter limiter =
        SharedResilience.limiter(
            identity + "|" + region + "|" + operation + "|" + permitsPerSecond,
            name ->
                RateLimiter.of(
                    name,
                    RateLimiterConfig.custom()
                        .limitForPeriod(permitsPerSecond)
                        .limitRefreshPeriod(LIMIT_REFRESH_PERIOD)
                        .timeoutDuration(MAX_PERMIT_WAIT)
                        .build()));

    // Reserving returns the wait for the permit, so each call can bound it by its own deadline.
    long waitNanos = limiter.reservePermission();
    if (waitNanos < 0 || waitNanos > deadline.toNanos()) {
      throw new ThrottledException(
          operation
              + " was not sent because the client-side limit of "
              + permitsPerSecond
              + " calls per second leaves no permit within the deadline of "
              + deadline.toMillis()
              + " ms; raise the rate in RateLimitSettings if the account's quota is higher",
          operation,
          0,
          null,
          null,
          null);
    }
    if (waitNanos == 0) {
      return;
    }
    LOG.debug(
        "event=rateLimited operation={} permitsPerSecond={} waitMs={}",
        operation,
        permitsPerSecond,
        Duration.ofNanos(waitNanos).toMillis());
    try {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ecr4jException(operation + " was interrupted while waiting for a permit", e);
    }
  }

  private void recordBreaker(@Nullable Throwable failure, long startNanos) {
    if (breaker == null) {
      return;
    }
    long duration = System.nanoTime() - startNanos;
    if (failure != null && Failures.isEndpointFailure(failure)) {
      breaker.onError(duration, TimeUnit.NANOSECONDS, failure);
    } else {
      // Client errors such as a missing repository show that the endpoint responded, so they
      // count as successes of the endpoint.
      breaker.onSuccess(duration, TimeUnit.NANOSECONDS);
    }
  }

  private static CircuitBreaker breakerFor(
      String endpoint, CircuitBreakerSettings settings, Events events) {
    // NOTE: each client has its own breaker for its endpoint. Sharing one across clients would
    // leak listeners, because resilience4j's event publisher cannot unregister a consumer.
    CircuitBreaker created =
        CircuitBreaker.of(
            endpoint,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    created
        .getEventPublisher()
        .onStateTransition(
            transition -> {
              String from = transition.getStateTransition().getFromState().name();
              String to = transition.getStateTransition().getToState().name();
              LOG.debug("event=circuit endpoint={} from={} to={}", endpoint, from, to);
              events.publish(new ResilienceEvent.CircuitStateChanged(endpoint, from, to));
            });
    return created;
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
