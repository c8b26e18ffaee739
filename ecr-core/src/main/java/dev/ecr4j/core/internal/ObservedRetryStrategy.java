package dev.ecr4j.core.internal;

import dev.ecr4j.core.retry.ResilienceEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * Wraps the SDK's standard retry strategy to apply two attempt limits, to honour {@code
 * Retry-After} and to report every retry. The wrapped strategy decides whether a failure is
 * retryable, computes the backoff and caps every call at {@code maxAttempts}. This class stops a
 * call at {@code maxServerFailureAttempts} once an attempt fails other than by throttling, and
 * replaces the wait with the server's {@code Retry-After}, up to a cap.
 */
final class ObservedRetryStrategy implements RetryStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(ObservedRetryStrategy.class);

  private final RetryStrategy delegate;
  private final int maxServerFailureAttempts;
  private final Duration maxRetryAfter;
  private final Events events;
  private final Clock clock;

  /**
   * Creates the strategy.
   *
   * @param delegate the SDK's strategy, whose attempt limit applies to every call
   * @param maxServerFailureAttempts the attempt limit once an attempt failed other than by
   *     throttling
   */
  ObservedRetryStrategy(
      RetryStrategy delegate,
      int maxServerFailureAttempts,
      Duration maxRetryAfter,
      Events events,
      Clock clock) {
    this.delegate = delegate;
    this.maxServerFailureAttempts = maxServerFailureAttempts;
    this.maxRetryAfter = maxRetryAfter;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    AcquireInitialTokenResponse initial = delegate.acquireInitialToken(request);
    return AcquireInitialTokenResponse.create(
        new CountingToken(initial.token(), 1, false), initial.delay());
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    CountingToken token = (CountingToken) request.token();
    boolean failedOtherwise = token.failedOtherwise || !Failures.isThrottling(request.failure());
    if (failedOtherwise && token.attempts >= maxServerFailureAttempts) {
      // The SDK then rethrows the failure, as when the wrapped strategy gives up.
      throw new TokenAcquisitionFailedException(
          "Retries exhausted: "
              + token.attempts
              + " attempts, and not every failure was throttling",
          token,
          request.failure());
    }

    // Throws TokenAcquisitionFailedException when the failure is not retryable or no attempt is
    // left; the SDK then rethrows the failure.
    RefreshRetryTokenResponse decision =
        delegate.refreshRetryToken(request.toBuilder().token(token.delegate).build());

    // The server's Retry-After replaces the computed backoff, capped so a bad header cannot stall
    // the call. SDK 2.59.1 already folds the header into its own delay, without this cap.
    Duration delay = decision.delay();
    Optional<Duration> retryAfter = RetryAfter.of(request.failure(), clock.instant());
    if (retryAfter.isPresent()) {
      delay = min(retryAfter.get(), maxRetryAfter);
    }

    CallContext call = CallContext.current();
    String operation = request.operationName().orElse(call == null ? "unknown" : call.operation);
    int failedAttempt = call == null ? 0 : call.attempts;
    String failure = Failures.summary(request.failure());
    LOG.debug(
        "event=retry operation={} failedAttempt={} delayMs={} failure={}",
        operation,
        failedAttempt,
        delay.toMillis(),
        failure);
    events.publish(new ResilienceEvent.RetryScheduled(operation, failedAttempt, delay, failure));
    return RefreshRetryTokenResponse.create(
        new CountingToken(decision.token(), token.attempts + 1, failedOtherwise), delay);
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    CountingToken token = (CountingToken) request.token();
    RecordSuccessResponse recorded =
        delegate.recordSuccess(RecordSuccessRequest.create(token.delegate));
    return RecordSuccessResponse.create(
        new CountingToken(recorded.token(), token.attempts, token.failedOtherwise));
  }

  @Override
  public int maxAttempts() {
    return delegate.maxAttempts();
  }

  @Override
  public boolean useClientDefaults() {
    // The delegate already carries the AWS retry conditions, so the SDK must not add its own.
    return false;
  }

  @Override
  public Builder<?, ?> toBuilder() {
    // NOTE: the SDK 2.59.1 client builder calls toBuilder() only on strategies it creates itself.
    // A strategy rebuilt from this builder would lose the Retry-After handling and the events.
    return delegate.toBuilder();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /**
   * The wrapped strategy's token, with the attempts sent so far and whether any of them failed
   * other than by throttling.
   */
  private static final class CountingToken implements RetryToken {
    final RetryToken delegate;
    final int attempts;
    final boolean failedOtherwise;

    CountingToken(RetryToken delegate, int attempts, boolean failedOtherwise) {
      this.delegate = delegate;
      this.attempts = attempts;
      this.failedOtherwise = failedOtherwise;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
