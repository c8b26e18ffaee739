package dev.ecr4j.testkit.emulator;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fault for {@link EcrEmulator#injectFault(Fault)}: what goes wrong, on which requests, and how
 * often. A fault applies to every request unless narrowed to one control-plane operation or to
 * registry API paths, and to every matching request unless limited to a number of them or to a
 * seeded fraction.
 *
 * <pre>{@code
 * emulator.injectFault(Fault.throttling().onOperation("PutImage").times(3));
 * emulator.injectFault(Fault.serverError(503).onRegistryPath("/blobs/uploads/").fraction(0.3, 42));
 * }</pre>
 *
 * <p>Instances are immutable; each method returns a new fault.
 */
public final class Fault {

  /** The kind of failure. */
  public enum Kind {
    /**
     * ECR's throttling: HTTP 400 {@code ThrottlingException} "Rate exceeded" on the control plane,
     * HTTP 429 {@code TOOMANYREQUESTS} on the registry API.
     */
    THROTTLING,
    /**
     * A 5xx response: {@code ServerException} on the control plane, {@code UNKNOWN} on {@code
     * /v2/}.
     */
    SERVER_ERROR,
    /** A delay, after which the request is served normally. */
    LATENCY,
    /** The connection closes before any response. */
    DROPPED_CONNECTION,
    /**
     * An expired token: HTTP 403 {@code DENIED} on the registry API, {@code ExpiredTokenException}
     * on the control plane.
     */
    EXPIRED_TOKEN
  }

  private final Kind kind;
  private final @Nullable String operation;
  private final @Nullable String pathPattern;
  private final int times;
  private final double fraction;
  private final long seed;
  private final int status;
  private final Duration latency;

  private Fault(
      Kind kind,
      @Nullable String operation,
      @Nullable String pathPattern,
      int times,
      double fraction,
      long seed,
      int status,
      Duration latency) {
    this.kind = kind;
    this.operation = operation;
    this.pathPattern = pathPattern;
    this.times = times;
    this.fraction = fraction;
    this.seed = seed;
    this.status = status;
    this.latency = latency;
  }

  private static Fault of(Kind kind, int status, Duration latency) {
    return new Fault(kind, null, null, -1, 1.0, 0, status, latency);
  }

  /** Returns ECR's throttling error. */
  public static Fault throttling() {
    return of(Kind.THROTTLING, 400, Duration.ZERO);
  }

  /**
   * Returns a server error with {@code status}.
   *
   * @throws IllegalArgumentException when {@code status} is not 500 to 599
   */
  public static Fault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException(
          "Invalid status " + status + " for a server error: expected 500 to 599.");
    }
    return of(Kind.SERVER_ERROR, status, Duration.ZERO);
  }

  /**
   * Returns a delay of {@code latency} before the request is served.
   *
   * @throws IllegalArgumentException when {@code latency} is negative or above 10 minutes
   */
  public static Fault latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative() || latency.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "Invalid latency " + latency + ": expected 0 to 10 minutes.");
    }
    return of(Kind.LATENCY, 0, latency);
  }

  /** Returns a connection closed before any response. */
  public static Fault droppedConnection() {
    return of(Kind.DROPPED_CONNECTION, 0, Duration.ZERO);
  }

  /** Returns the error for an expired token. */
  public static Fault expiredToken() {
    return of(Kind.EXPIRED_TOKEN, 0, Duration.ZERO);
  }

  /**
   * Limits the fault to one control-plane operation, such as {@code PutImage}.
   *
   * @throws IllegalArgumentException when the name is not an operation name
   */
  public Fault onOperation(String operation) {
    Objects.requireNonNull(operation, "operation");
    if (!operation.matches("[A-Z][A-Za-z]+")) {
      throw new IllegalArgumentException(
          "Invalid operation '"
              + operation
              + "': expected an ECR operation name such as PutImage.");
    }
    return new Fault(kind, operation, null, times, fraction, seed, status, latency);
  }

  /**
   * Limits the fault to registry API requests whose path contains a match of the regular expression
   * {@code pathPattern}, such as {@code /blobs/uploads/} or {@code /manifests/}.
   */
  public Fault onRegistryPath(String pathPattern) {
    Objects.requireNonNull(pathPattern, "pathPattern");
    return new Fault(kind, null, pathPattern, times, fraction, seed, status, latency);
  }

  /**
   * Limits the fault to the next {@code count} matching requests.
   *
   * @throws IllegalArgumentException when {@code count} is not positive
   */
  public Fault times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "Invalid count " + count + ": a fault applies to at least one request.");
    }
    return new Fault(kind, operation, pathPattern, count, fraction, seed, status, latency);
  }

  /**
   * Applies the fault to a share of the matching requests, drawn from a generator seeded with
   * {@code seed}, so the same requests in the same order meet the same faults.
   *
   * @throws IllegalArgumentException when {@code share} is not above 0 and at most 1
   */
  public Fault fraction(double share, long seed) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "Invalid fraction " + share + ": expected a number above 0 and at most 1.");
    }
    return new Fault(kind, operation, pathPattern, times, share, seed, status, latency);
  }

  /** Returns the kind of failure. */
  public Kind kind() {
    return kind;
  }

  @Nullable String operation() {
    return operation;
  }

  @Nullable String pathPattern() {
    return pathPattern;
  }

  int times() {
    return times;
  }

  double fraction() {
    return fraction;
  }

  long seed() {
    return seed;
  }

  int status() {
    return status;
  }

  Duration latency() {
    return latency;
  }

  @Override
  public String toString() {
    return "Fault["
        + kind
        + (operation != null ? " on " + operation : "")
        + (pathPattern != null ? " on paths matching " + pathPattern : "")
        + (times > 0 ? ", " + times + " times" : "")
        + (fraction < 1 ? ", fraction " + fraction + " seed " + seed : "")
        + "]";
  }
}
