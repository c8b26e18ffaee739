package dev.ecr4j.testkit.emulator.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Faults that tests ask the emulator to inject: each rule names the requests it applies to (a
 * control-plane operation, a registry API path pattern, or every request), what goes wrong, and for
 * how many requests or which fraction of them. Fractions draw from a random generator seeded by the
 * rule, so a test that sends the same requests in the same order gets the same faults.
 */
public final class FaultInjector {

  /** The kind of failure. */
  public enum Kind {
    /** ECR's throttling: {@code ThrottlingException} on the control plane, 429 on {@code /v2/}. */
    THROTTLING,
    /** A 5xx response with the rule's status. */
    SERVER_ERROR,
    /** A delay before the request is served normally. */
    LATENCY,
    /** The connection closes without a response. */
    DROP_CONNECTION,
    /** The error for an expired token or expired credentials. */
    EXPIRED_TOKEN
  }

  /**
   * One fault rule.
   *
   * @param kind what goes wrong
   * @param operation the control-plane operation it applies to, or {@code null}
   * @param path a pattern found in the registry API path it applies to, or {@code null}; with
   *     neither, the rule applies to every request except the admin API
   * @param times how many requests it applies to; -1 for no limit
   * @param fraction the share of matching requests it applies to, from 0 to 1
   * @param seed the seed of the generator that draws the fraction
   * @param status the HTTP status of a {@link Kind#SERVER_ERROR}
   * @param latency the delay of a {@link Kind#LATENCY}
   */
  public record Rule(
      Kind kind,
      @Nullable String operation,
      @Nullable Pattern path,
      int times,
      double fraction,
      long seed,
      int status,
      Duration latency) {}

  /**
   * Creates a rule after checking every value.
   *
   * @throws IllegalArgumentException for a value outside its range, naming the value and the range
   */
  public static Rule rule(
      Kind kind,
      @Nullable String operation,
      @Nullable String pathPattern,
      int times,
      double fraction,
      long seed,
      int status,
      Duration latency) {
    if (operation != null && pathPattern != null) {
      throw new IllegalArgumentException(
          "A fault applies to an operation or to a registry path, not both: got operation '"
              + operation
              + "' and path '"
              + pathPattern
              + "'.");
    }
    if (operation != null && !operation.matches("[A-Z][A-Za-z]+")) {
      throw new IllegalArgumentException(
          "Invalid operation '"
              + operation
              + "': expected an ECR operation name such as PutImage.");
    }
    Pattern path = null;
    if (pathPattern != null) {
      try {
        path = Pattern.compile(pathPattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "Invalid path pattern '" + pathPattern + "': " + e.getDescription() + ".", e);
      }
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException(
          "Invalid times " + times + ": expected a positive count, or -1 for every request.");
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "Invalid fraction " + fraction + ": expected a number above 0 and at most 1.");
    }
    if (kind == Kind.SERVER_ERROR && (status < 500 || status > 599)) {
      throw new IllegalArgumentException(
          "Invalid status " + status + " for a server error: expected 500 to 599.");
    }
    if (latency.isNegative() || latency.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "Invalid latency " + latency + ": expected 0 to 10 minutes.");
    }
    return new Rule(kind, operation, path, times, fraction, seed, status, latency);
  }

  private static final class Active {
    private final Rule rule;
    private final SplittableRandom random;
    private int remaining;

    private Active(Rule rule) {
      this.rule = rule;
      this.random = new SplittableRandom(rule.seed());
      this.remaining = rule.times();
    }
  }

  private final List<Active> rules = new ArrayList<>();

  /** Adds a rule after the existing ones; the first rule that fires for a request wins. */
  public synchronized void add(Rule rule) {
    rules.add(new Active(rule));
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** Returns the number of rules that can still fire. */
  public synchronized int size() {
    return rules.size();
  }

  /**
   * Returns the fault for one request, consuming one use of the rule that fires.
   *
   * @param operation the control-plane operation, or {@code null} for a registry API request
   * @param path the request path
   */
  synchronized Optional<Rule> next(@Nullable String operation, String path) {
    Iterator<Active> iterator = rules.iterator();
    while (iterator.hasNext()) {
      Active active = iterator.next();
      Rule rule = active.rule;
      boolean matches;
      if (rule.operation() != null) {
        matches = rule.operation().equals(operation);
      } else if (rule.path() != null) {
        matches = operation == null && rule.path().matcher(path).find();
      } else {
        matches = true;
      }
      if (!matches) {
        continue;
      }
      if (rule.fraction() < 1.0 && active.random.nextDouble() >= rule.fraction()) {
        continue;
      }
      if (active.remaining > 0) {
        active.remaining--;
        if (active.remaining == 0) {
          iterator.remove();
        }
      }
      return Optional.of(rule);
    }
    return Optional.empty();
  }
}
