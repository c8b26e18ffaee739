package dev.ecr4j.testkit;

import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Controls of a test backend that go beyond the ECR API: which backend runs, its clock, a reset,
 * and the embedded emulator itself. Tests receive it as a parameter from the JUnit extension.
 *
 * <p>Backends differ in what they can do, so a control that a backend lacks throws {@link
 * UnsupportedOperationException}; check {@link #supports(Capability)} first, or skip the test with
 * an assumption:
 *
 * <pre>{@code
 * @Test
 * void expiresOldImages(EcrControls controls, Ecr4jClient ecr) {
 *   assumeTrue(controls.supports(Capability.CLOCK), "needs a controllable clock");
 *   controls.advanceClock(Duration.ofDays(30));
 *   ...
 * }
 * }</pre>
 *
 * <p>Compatibility: tests use this interface, and only the testkit implements it. Later versions
 * add controls (and {@link Capability} constants) as new methods with default implementations that
 * throw {@link UnsupportedOperationException}, so code written against this version keeps compiling
 * and running.
 *
 * @since 0.1.0
 */
public interface EcrControls {

  /** A control that some backends offer and others lack. */
  enum Capability {
    /** {@link #advanceClock(Duration)}: the backend's clock can move forward. */
    CLOCK,
    /** {@link #emulator()}: the backend is an {@link EcrEmulator} in this JVM. */
    EMULATOR,
    /** {@link #reset()}: the backend can drop its state without a restart of the test class. */
    RESET
  }

  /** Returns the backend's name: {@code embedded} or {@code localstack}. */
  String backendName();

  /** Returns true when this backend offers {@code capability}. */
  boolean supports(Capability capability);

  /**
   * Returns the backend's current time: the time that creation and push times, tokens and lifecycle
   * previews use.
   */
  Instant now();

  /**
   * Moves the backend's clock forward by {@code amount}, so that images look older to lifecycle
   * rules and tokens expire. The clock keeps running from the new time.
   *
   * @throws IllegalArgumentException when {@code amount} is negative
   * @throws UnsupportedOperationException when the backend lacks {@link Capability#CLOCK}
   */
  void advanceClock(Duration amount);

  /**
   * Drops every repository, image and registry setting of every account and region, so the next
   * call finds an empty registry. The endpoint stays the same when the backend can keep it, so
   * clients built before the reset keep working.
   *
   * @throws UnsupportedOperationException when the backend lacks {@link Capability#RESET}
   */
  void reset();

  /**
   * Returns the embedded emulator, for options that only it has; empty for other backends. The
   * emulator changes on {@link #reset()}, so look it up again after one.
   */
  Optional<EcrEmulator> emulator();
}
