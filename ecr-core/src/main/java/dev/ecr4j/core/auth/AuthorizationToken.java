package dev.ecr4j.core.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Registry credentials from {@code GetAuthorizationToken}: the user name (always {@code AWS}) and
 * password for Basic authentication, valid until {@code expiresAt}.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param username the user name, {@code AWS}
 * @param password the password; a secret
 * @param expiresAt when ECR stops accepting the token, 12 hours after issue
 * @param proxyEndpoint the registry URL the token was issued for, such as {@code
 *     https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 */
public record AuthorizationToken(
    String username, String password, Instant expiresAt, String proxyEndpoint) {

  public AuthorizationToken {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(proxyEndpoint, "proxyEndpoint");
  }

  /**
   * Decodes ECR's {@code authorizationToken}, the base64 of {@code user:password}.
   *
   * @throws IllegalArgumentException when the token is not base64 of {@code user:password}
   */
  public static AuthorizationToken decode(
      String authorizationToken, Instant expiresAt, String proxyEndpoint) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The token itself is a secret, so the message leaves it out.
      throw new IllegalArgumentException("The authorization token from ECR is not valid base64", e);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "The authorization token from ECR does not decode to user:password");
    }
    return new AuthorizationToken(
        decoded.substring(0, colon), decoded.substring(colon + 1), expiresAt, proxyEndpoint);
  }

  /** Returns the value of the {@code Authorization} header for the registry: {@code Basic ...}. */
  public String basicAuthorization() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns whether the token has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "AuthorizationToken{username="
        + username
        + ", password=<redacted>, expiresAt="
        + expiresAt
        + ", proxyEndpoint="
        + proxyEndpoint
        + "}";
  }
}
