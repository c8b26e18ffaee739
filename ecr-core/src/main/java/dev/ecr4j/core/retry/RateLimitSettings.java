package dev.ecr4j.core.retry;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the client-side rate limiters, one per account, region and ECR API.
 *
 * <p>The defaults are ECR's published default quotas (requests per second):
 * BatchCheckLayerAvailability 1,000, BatchGetImage 2,000, CompleteLayerUpload 100,
 * GetAuthorizationToken 500, GetDownloadUrlForLayer 3,000, InitiateLayerUpload 100, PutImage 10 and
 * UploadLayerPart 500. ECR publishes no rate for the other APIs, so they are not limited unless
 * {@link Builder#defaultRate(int)} is set. A call waits for a permit for at most its deadline.
 * Raise a rate when the account's quota was raised. Instances are immutable.
 */
public final class RateLimitSettings {

  // NOTE: quota pages of different dates disagree on GetAuthorizationToken (20/s sustained with a
  // 200 burst, later 200/s, now 500/s). The current value is used; lower it for fleets of clients.
  private static final Map<String, Integer> ECR_DEFAULT_QUOTAS =
      Map.of(
          "BatchCheckLayerAvailability", 1_000,
          "BatchGetImage", 2_000,
          "CompleteLayerUpload", 100,
          "GetAuthorizationToken", 500,
          "GetDownloadUrlForLayer", 3_000,
          "InitiateLayerUpload", 100,
          "PutImage", 10,
          "UploadLayerPart", 500);

  private static final RateLimitSettings DEFAULTS = builder().build();
  private static final RateLimitSettings UNLIMITED = new RateLimitSettings(Map.of(), null, false);

  private final Map<String, Integer> rates;
  private final @Nullable Integer defaultRate;
  private final boolean enabled;

  private RateLimitSettings(Map<String, Integer> rates, @Nullable Integer defaultRate, boolean on) {
    this.rates = Map.copyOf(rates);
    this.defaultRate = defaultRate;
    this.enabled = on;
  }

  /** Returns ECR's default quotas. */
  public static RateLimitSettings defaults() {
    return DEFAULTS;
  }

  /** Returns settings that limit nothing, for tests against emulators. */
  public static RateLimitSettings unlimited() {
    return UNLIMITED;
  }

  /** Returns a builder that starts from ECR's default quotas. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether any API is limited. */
  public boolean enabled() {
    return enabled;
  }

  /** Returns the permits per second for {@code operation}, such as {@code PutImage}, if limited. */
  public OptionalInt rateFor(String operation) {
    Objects.requireNonNull(operation, "operation");
    if (!enabled) {
      return OptionalInt.empty();
    }
    Integer rate = rates.get(operation);
    if (rate != null) {
      return OptionalInt.of(rate);
    }
    return defaultRate == null ? OptionalInt.empty() : OptionalInt.of(defaultRate);
  }

  @Override
  public String toString() {
    return "RateLimitSettings{enabled="
        + enabled
        + ", rates="
        + new TreeMap<>(rates)
        + ", defaultRate="
        + defaultRate
        + "}";
  }

  /** Builds {@link RateLimitSettings}, starting from ECR's default quotas. */
  public static final class Builder {
    private final Map<String, Integer> rates = new TreeMap<>(ECR_DEFAULT_QUOTAS);
    private @Nullable Integer defaultRate;

    private Builder() {}

    /** Sets the permits per second of {@code operation}, such as {@code PutImage}; at least 1. */
    public Builder rate(String operation, int permitsPerSecond) {
      Objects.requireNonNull(operation, "operation");
      if (operation.isBlank()) {
        throw new IllegalArgumentException("operation must name an ECR API, such as PutImage");
      }
      rates.put(operation, requirePositive(operation, permitsPerSecond));
      return this;
    }

    /** Sets the permits per second of every API without its own rate; at least 1. */
    public Builder defaultRate(int permitsPerSecond) {
      this.defaultRate = requirePositive("defaultRate", permitsPerSecond);
      return this;
    }

    /** Builds the settings. */
    public RateLimitSettings build() {
      return new RateLimitSettings(rates, defaultRate, true);
    }

    private static int requirePositive(String name, int permitsPerSecond) {
      if (permitsPerSecond < 1) {
        throw new IllegalArgumentException(
            "the rate of "
                + name
                + " must be at least 1 permit per second, but was "
                + permitsPerSecond
                + "; use RateLimitSettings.unlimited() to turn limiting off");
      }
      return permitsPerSecond;
    }
  }
}
