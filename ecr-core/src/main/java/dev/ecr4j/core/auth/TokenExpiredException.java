package dev.ecr4j.core.auth;

import dev.ecr4j.core.Ecr4jException;
import java.util.Locale;

/**
 * Thrown by registry code when the registry rejected a token as expired: HTTP 403 {@code DENIED}
 * with "Your authorization token has expired. Reauthenticate and try again." {@link
 * RegistryTokenProvider#withToken} refreshes the token and replays the action once on it.
 */
public final class TokenExpiredException extends Ecr4jException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the registry's message, which contains no secret. */
  public TokenExpiredException(String registryMessage) {
    super(registryMessage);
  }

  /** Returns whether a registry error message states that the authorization token has expired. */
  public static boolean isExpiryMessage(String message) {
    return message.toLowerCase(Locale.ROOT).contains("authorization token has expired");
  }
}
