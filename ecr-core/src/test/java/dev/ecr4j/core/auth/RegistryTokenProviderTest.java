package dev.ecr4j.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.retry.ResilienceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RegistryTokenProviderTest {

  private static final String ACCOUNT = "123456789012";
  private static final RegistryHost HOST = RegistryHost.of(ACCOUNT, "eu-west-1");
  private static final Duration LIFETIME = Duration.ofHours(12);

  private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicInteger fetches = new AtomicInteger();
  private final List<ResilienceEvent> events = new CopyOnWriteArrayList<>();

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private RegistryTokenProvider provider(TokenSource source) {
    return RegistryTokenProvider.builder()
        .region("eu-west-1")
        .identity("test")
        .clock(clock)
        .listener(events::add)
        .source(source)
        .build();
  }

  private AuthorizationToken issue() {
    int n = fetches.incrementAndGet();
    return new AuthorizationToken("AWS", "secret-" + n, now.plus(LIFETIME), "https://x");
  }

  @Test
  void tokenCachedUntilHalfLife() {
    RegistryTokenProvider tokens = provider(id -> issue());

    AuthorizationToken first = tokens.token(HOST);
    now = now.plus(Duration.ofHours(5));
    AuthorizationToken cached = tokens.token(HOST);
    now = now.plus(Duration.ofHours(2));
    AuthorizationToken refreshed = tokens.token(HOST);

    assertThat(cached).isSameAs(first);
    assertThat(refreshed.password()).isEqualTo("secret-2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void staleTokenUsedWhenRefreshFails() {
    AtomicInteger calls = new AtomicInteger();
    RegistryTokenProvider tokens =
        provider(
            id -> {
              if (calls.incrementAndGet() > 1) {
                throw new Ecr4jException("GetAuthorizationToken failed: Rate exceeded");
              }
              return issue();
            });
    AuthorizationToken first = tokens.token(HOST);
    now = now.plus(Duration.ofHours(7));

    AuthorizationToken stale = tokens.token(HOST);

    assertThat(stale).isSameAs(first);
    assertThat(events)
        .contains(
            new ResilienceEvent.TokenRefreshFailed(
                ACCOUNT + " in eu-west-1",
                true,
                "Ecr4jException: GetAuthorizationToken failed: Rate exceeded"));
  }

  @Test
  void expiredTokenNotUsedWhenRefreshFails() {
    AtomicInteger calls = new AtomicInteger();
    RegistryTokenProvider tokens =
        provider(
            id -> {
              if (calls.incrementAndGet() > 1) {
                throw new Ecr4jException("GetAuthorizationToken failed: Rate exceeded");
              }
              return issue();
            });
    tokens.token(HOST);
    now = now.plus(Duration.ofHours(13));

    assertThatThrownBy(() -> tokens.token(HOST))
        .isInstanceOf(Ecr4jException.class)
        .hasMessage("GetAuthorizationToken failed: Rate exceeded");
  }

  @Test
  void oneRefreshAtATime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RegistryTokenProvider tokens =
        provider(
            id -> {
              try {
                release.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return issue();
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AuthorizationToken>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> tokens.token(HOST)));
      }
      Thread.sleep(200);
      release.countDown();
      for (Future<AuthorizationToken> result : results) {
        assertThat(result.get().password()).isEqualTo("secret-1");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(fetches).hasValue(1);
  }

  @Test
  void expiredTokenReplayedOnce() {
    RegistryTokenProvider tokens = provider(id -> issue());
    List<String> used = new CopyOnWriteArrayList<>();

    String result =
        tokens.withToken(
            HOST,
            token -> {
              used.add(token.password());
              if (used.size() == 1) {
                throw new TokenExpiredException(
                    "Your authorization token has expired. Reauthenticate and try again.");
              }
              return "pushed";
            });

    assertThat(result).isEqualTo("pushed");
    assertThat(used).containsExactly("secret-1", "secret-2");
  }

  @Test
  void secondExpiryRethrown() {
    RegistryTokenProvider tokens = provider(id -> issue());
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(
            () ->
                tokens.withToken(
                    HOST,
                    token -> {
                      runs.incrementAndGet();
                      throw new TokenExpiredException(
                          "Your authorization token has expired. Reauthenticate and try again.");
                    }))
        .isInstanceOf(TokenExpiredException.class);
    assertThat(runs).hasValue(2);
  }

  @Test
  void otherRegionRejected() {
    RegistryTokenProvider tokens = provider(id -> issue());

    assertThatThrownBy(() -> tokens.token(RegistryHost.of(ACCOUNT, "us-east-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com is in aws/us-east-1, but this provider"
                + " issues tokens for aws/eu-west-1; use a client for that region");
  }

  @Test
  void tokenStringRedacted() {
    AuthorizationToken token = AuthorizationToken.decode("QVdTOmhpZGRlbg==", Instant.EPOCH, "x");

    assertThat(token.password()).isEqualTo("hidden");
    assertThat(token.toString()).doesNotContain("hidden").contains("password=<redacted>");
    assertThat(token.basicAuthorization()).isEqualTo("Basic QVdTOmhpZGRlbg==");
  }
}
