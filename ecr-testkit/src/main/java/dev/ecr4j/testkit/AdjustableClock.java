package dev.ecr4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that runs at the pace of the system clock from a start time and can be moved forward.
 * Thread-safe.
 */
final class AdjustableClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset;

  AdjustableClock(Clock base, Duration offset) {
    this.base = base;
    this.offset = new AtomicReference<>(offset);
  }

  /** Creates a clock that reads {@code start} now. */
  static AdjustableClock startingAt(Clock base, Instant start) {
    return new AdjustableClock(base, Duration.between(base.instant(), start));
  }

  void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid clock advance " + amount + ": the clock only moves forward; expected >= 0.");
    }
    offset.accumulateAndGet(amount, Duration::plus);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // The emulator reads instants only; a zone other than UTC would change nothing it stores.
    throw new UnsupportedOperationException(
        "The testkit's clock is UTC only; requested zone " + zone + ".");
  }
}
