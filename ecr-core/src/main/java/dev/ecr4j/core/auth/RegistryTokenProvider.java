package dev.ecr4j.core.auth;

import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.internal.Events;
import dev.ecr4j.core.retry.ResilienceEvent;
import dev.ecr4j.core.retry.ResilienceListener;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides registry credentials for one region and identity, cached per (partition, region,
 * registry, identity).
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>A cached token is returned until half its lifetime has passed (6 h of ECR's 12 h). The next
 *       request then refreshes it, ahead of expiry.
 *   <li>One refresh per registry at a time. While one thread refreshes, other threads get the
 *       cached token if it has not expired, or wait for the refresh.
 *   <li>When a refresh fails and the cached token has not expired, the cached token is returned and
 *       a {@link ResilienceEvent.TokenRefreshFailed} event is sent.
 *   <li>{@link #withToken} refreshes and replays the action once when it throws {@link
 *       TokenExpiredException}.
 *   <li>Tokens never appear in logs, events or messages.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class RegistryTokenProvider {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryTokenProvider.class);

  // The first run plus one replay with a fresh token: a second expiry is not a stale cache.
  private static final int REPLAY_ATTEMPTS = 2;

  private final String partition;
  private final String region;
  private final String identity;
  private final TokenSource source;
  private final Clock clock;
  private final Events events;
  private final ConcurrentMap<TokenKey, Entry> cache = new ConcurrentHashMap<>();

  private RegistryTokenProvider(Builder builder) {
    this.partition = Objects.requireNonNull(builder.partition, "partition");
    this.region = Objects.requireNonNull(builder.region, "region");
    this.identity = Objects.requireNonNull(builder.identity, "identity");
    this.source = Objects.requireNonNull(builder.source, "source");
    this.clock = builder.clock;
    this.events = new Events(builder.listener);
  }

  /** Returns a builder; region, identity and source are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a valid token for {@code host}, fetching one when none is cached or the cached one is
   * due for refresh.
   *
   * @throws IllegalArgumentException when the host is ECR Public or in another region or partition
   * @throws Ecr4jException when no token could be fetched and no unexpired one is cached
   */
  public AuthorizationToken token(RegistryHost host) {
    return token(registryIdOf(host));
  }

  /**
   * Returns a valid token for the registry {@code registryId} in this provider's region.
   *
   * @throws Ecr4jException when no token could be fetched and no unexpired one is cached
   */
  public AuthorizationToken token(String registryId) {
    Objects.requireNonNull(registryId, "registryId");
    Entry entry = entry(registryId);
    Instant now = clock.instant();

    AuthorizationToken cached = entry.token;
    if (cached != null && now.isBefore(entry.refreshAt)) {
      return cached;
    }

    // Another thread is refreshing: a token that has not expired is still good to use.
    if (cached != null && !cached.isExpiredAt(now) && !entry.lock.tryLock()) {
      return cached;
    }
    if (!entry.lock.isHeldByCurrentThread()) {
      entry.lock.lock();
    }
    try {
      // Re-check: the refresh may have happened while this thread waited for the lock.
      AuthorizationToken current = entry.token;
      if (current != null && clock.instant().isBefore(entry.refreshAt)) {
        return current;
      }
      return refresh(registryId, entry);
    } finally {
      entry.lock.unlock();
    }
  }

  /**
   * Runs {@code action} with a token for {@code host}. When the action throws {@link
   * TokenExpiredException}, drops the cached token, fetches a new one and runs the action once
   * more; a second expiry is rethrown.
   */
  public <T> T withToken(RegistryHost host, Function<AuthorizationToken, T> action) {
    String registryId = registryIdOf(host);
    Retry replay =
        Retry.of(
            "token-replay",
            RetryConfig.custom()
                .maxAttempts(REPLAY_ATTEMPTS)
                .waitDuration(Duration.ZERO)
                .retryExceptions(TokenExpiredException.class)
                .build());
    replay
        .getEventPublisher()
        .onRetry(
            event -> {
              LOG.debug("event=tokenReplay registry={} region={}", registryId, region);
              invalidate(registryId);
            });
    return replay.executeSupplier(() -> action.apply(token(registryId)));
  }

  /** Drops the cached token of {@code registryId}, so the next request fetches a new one. */
  public void invalidate(String registryId) {
    Entry entry = cache.get(key(registryId));
    if (entry != null) {
      entry.lock.lock();
      try {
        entry.token = null;
        entry.refreshAt = Instant.MIN;
      } finally {
        entry.lock.unlock();
      }
    }
  }

  private AuthorizationToken refresh(String registryId, Entry entry) {
    String registry = registryId + " in " + region;
    Instant fetchedAt = clock.instant();
    AuthorizationToken fresh;
    try {
      fresh = source.fetch(registryId);
    } catch (RuntimeException e) {
      AuthorizationToken stale = entry.token;
      boolean staleUsable = stale != null && !stale.isExpiredAt(clock.instant());
      String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.debug(
          "event=tokenRefreshFailed registry={} staleTokenUsed={} failure={}",
          registry,
          staleUsable,
          failure);
      events.publish(new ResilienceEvent.TokenRefreshFailed(registry, staleUsable, failure));
      if (stale != null && staleUsable) {
        return stale;
      }
      throw e;
    }

    // Refresh at half the lifetime, as the Amazon ECR credential helper does.
    Duration lifetime = Duration.between(fetchedAt, fresh.expiresAt());
    entry.refreshAt = lifetime.isNegative() ? fetchedAt : fetchedAt.plus(lifetime.dividedBy(2));
    entry.token = fresh;
    LOG.debug(
        "event=tokenRefreshed registry={} expiresAt={} refreshAt={}",
        registry,
        fresh.expiresAt(),
        entry.refreshAt);
    events.publish(new ResilienceEvent.TokenRefreshed(registry, fresh.expiresAt()));
    return fresh;
  }

  private String registryIdOf(RegistryHost host) {
    Objects.requireNonNull(host, "host");
    String registryId = host.registryId();
    if (host.isPublic() || registryId == null) {
      throw new IllegalArgumentException(
          host.host()
              + " is ECR Public, whose tokens come from the ECR Public API; use a private"
              + " registry host");
    }
    if (!host.region().equals(region) || !host.partition().equals(partition)) {
      throw new IllegalArgumentException(
          host.host()
              + " is in "
              + host.partition()
              + "/"
              + host.region()
              + ", but this provider issues tokens for "
              + partition
              + "/"
              + region
              + "; use a client for that region");
    }
    return registryId;
  }

  private Entry entry(String registryId) {
    return cache.computeIfAbsent(key(registryId), key -> new Entry());
  }

  private TokenKey key(String registryId) {
    return new TokenKey(partition, region, registryId, identity);
  }

  private record TokenKey(String partition, String region, String registryId, String identity) {}

  /** A cache slot; fields are guarded by {@code lock} for writes and volatile for reads. */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    volatile @Nullable AuthorizationToken token;
    volatile Instant refreshAt = Instant.MIN;
  }

  /** Builds a {@link RegistryTokenProvider}. */
  public static final class Builder {
    private String partition = "aws";
    private @Nullable String region;
    private @Nullable String identity;
    private @Nullable TokenSource source;
    private Clock clock = Clock.systemUTC();
    private ResilienceListener listener = ResilienceListener.NONE;

    private Builder() {}

    /** Sets the partition, such as {@code aws-cn}; {@code aws} by default. */
    public Builder partition(String partition) {
      this.partition = Objects.requireNonNull(partition, "partition");
      return this;
    }

    /** Sets the region whose tokens this provider issues. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Sets the identity the tokens belong to, such as a fingerprint of the access key id. */
    public Builder identity(String identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** Sets where new tokens come from. */
    public Builder source(TokenSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the clock that decides expiry and refresh; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the listener of refresh events. */
    public Builder listener(ResilienceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws NullPointerException when region, identity or source is missing
     */
    public RegistryTokenProvider build() {
      return new RegistryTokenProvider(this);
    }
  }
}
