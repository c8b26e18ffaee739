package dev.ecr4j.registry;

import dev.ecr4j.core.auth.RegistryTokenProvider;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Authentication method of the client for a registry.
 *
 * <ul>
 *   <li>{@link #anonymous()}: no credentials, for public pulls and local test registries.
 *   <li>{@link #basic}: a user name and password, sent as Basic authentication, or exchanged for a
 *       Bearer token when the registry's challenge requests one.
 *   <li>{@link #ecr}: tokens from ECR's {@code GetAuthorizationToken}, refreshed ahead of expiry,
 *       and refreshed and replayed when ECR responds with 403 "Your authorization token has
 *       expired".
 * </ul>
 *
 * <p>{@link #toString()} never shows a password or token.
 */
public final class RegistryAuth {

  private static final RegistryAuth ANONYMOUS = new RegistryAuth(null, null, null, null);

  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable RegistryTokenProvider ecrTokens;
  private final @Nullable String ecrRegistryId;

  private RegistryAuth(
      @Nullable String username,
      @Nullable String password,
      @Nullable RegistryTokenProvider ecrTokens,
      @Nullable String ecrRegistryId) {
    this.username = username;
    this.password = password;
    this.ecrTokens = ecrTokens;
    this.ecrRegistryId = ecrRegistryId;
  }

  /** Returns anonymous access. */
  public static RegistryAuth anonymous() {
    return ANONYMOUS;
  }

  /**
   * Returns user name and password credentials.
   *
   * @throws IllegalArgumentException when the user name is empty or contains ':'
   */
  public static RegistryAuth basic(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || username.contains(":")) {
      throw new IllegalArgumentException(
          "Invalid registry user name '"
              + username
              + "': Basic authentication needs a non-empty name without ':'");
    }
    return new RegistryAuth(username, password, null, null);
  }

  /** Returns ECR authentication with tokens from {@code tokens}, such as an Ecr4jClient's. */
  public static RegistryAuth ecr(RegistryTokenProvider tokens) {
    return new RegistryAuth(null, null, Objects.requireNonNull(tokens, "tokens"), null);
  }

  /**
   * Returns ECR authentication with tokens of the registry {@code registryId}, for a registry whose
   * host is not an ECR host name, such as an emulator on localhost.
   */
  public static RegistryAuth ecr(RegistryTokenProvider tokens, String registryId) {
    return new RegistryAuth(
        null,
        null,
        Objects.requireNonNull(tokens, "tokens"),
        Objects.requireNonNull(registryId, "registryId"));
  }

  @Nullable String username() {
    return username;
  }

  @Nullable String password() {
    return password;
  }

  @Nullable RegistryTokenProvider ecrTokens() {
    return ecrTokens;
  }

  @Nullable String ecrRegistryId() {
    return ecrRegistryId;
  }

  @Override
  public String toString() {
    if (ecrTokens != null) {
      return "RegistryAuth{ecr}";
    }
    return username == null
        ? "RegistryAuth{anonymous}"
        : "RegistryAuth{basic, user=" + username + "}";
  }
}
