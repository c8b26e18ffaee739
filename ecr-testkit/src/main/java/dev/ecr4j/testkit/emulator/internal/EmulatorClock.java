package dev.ecr4j.testkit.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's clock: a base clock plus an offset that tests move forward with {@link
 * #advance(Duration)}. Push times, token expiry, scans and lifecycle runs read it; SigV4 signature
 * times are checked against real time instead, because clients sign with the real time.
 */
public final class EmulatorClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Creates a clock that starts at {@code base}'s time. */
  public EmulatorClock(Clock base) {
    this.base = base;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // The emulator works in UTC only; the zone plays no part in instants.
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  /**
   * Moves the clock forward by {@code amount}.
   *
   * @throws IllegalArgumentException when {@code amount} is negative
   */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid clock advance "
              + amount
              + ": the emulator's clock only moves forward. Pass a positive duration.");
    }
    offset.accumulateAndGet(amount, Duration::plus);
    return instant();
  }

  /** Puts the clock back to its base time. */
  void reset() {
    offset.set(Duration.ZERO);
  }
}
