package dev.ecr4j.core.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Rate limiters shared by every client in the JVM. ECR's quotas are per account, region and API, so
 * two clients for the same account and region must draw from the same limiter.
 */
final class SharedResilience {

  private static final ConcurrentMap<String, RateLimiter> LIMITERS = new ConcurrentHashMap<>();

  private SharedResilience() {}

  static RateLimiter limiter(String key, Function<String, RateLimiter> factory) {
    return LIMITERS.computeIfAbsent(key, factory);
  }
}
