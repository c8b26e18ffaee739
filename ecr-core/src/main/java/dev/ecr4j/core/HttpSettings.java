package dev.ecr4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP client that the ecr4j client creates (the SDK's Apache client).
 *
 * <p>Defaults: connect timeout 10 s, socket timeout 30 s, 50 connections. Instances are immutable.
 */
public final class HttpSettings {

  // ECR responds in milliseconds; 10 s covers a slow DNS or TLS handshake.
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  // Long enough for a 20 MiB UploadLayerPart body on a slow link.
  private static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
  // The SDK's Apache client default.
  private static final int DEFAULT_MAX_CONNECTIONS = 50;

  private static final HttpSettings DEFAULTS = builder().build();

  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final int maxConnections;

  private HttpSettings(Builder builder) {
    this.connectTimeout = builder.connectTimeout;
    this.socketTimeout = builder.socketTimeout;
    this.maxConnections = builder.maxConnections;
  }

  /** Returns the defaults. */
  public static HttpSettings defaults() {
    return DEFAULTS;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the TCP connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the longest wait for data on an open connection. */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** Returns the size of the connection pool. */
  public int maxConnections() {
    return maxConnections;
  }

  @Override
  public String toString() {
    return "HttpSettings{connectTimeout="
        + connectTimeout
        + ", socketTimeout="
        + socketTimeout
        + ", maxConnections="
        + maxConnections
        + "}";
  }

  /** Builds {@link HttpSettings}; setters validate their values. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder() {}

    /** Sets the connect timeout; positive. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /** Sets the socket timeout; positive. */
    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = positive("socketTimeout", socketTimeout);
      return this;
    }

    /** Sets the pool size; at least 1. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 1, but was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** Builds the settings. */
    public HttpSettings build() {
      return new HttpSettings(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
