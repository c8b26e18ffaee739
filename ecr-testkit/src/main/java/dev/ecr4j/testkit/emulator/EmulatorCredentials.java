package dev.ecr4j.testkit.emulator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An access key the emulator accepts, with its secret key and the account it belongs to. {@link
 * #toString()} leaves the secret key out.
 *
 * @param accessKeyId the access key id, such as {@code test}
 * @param secretAccessKey the secret key that signatures are checked with
 * @param accountId the twelve-digit AWS account id that requests signed with this key act as
 */
public record EmulatorCredentials(String accessKeyId, String secretAccessKey, String accountId) {

  // Declared before DEFAULT, whose construction uses it.
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  /**
   * The default credentials: access key {@code test}, secret key {@code test}, account
   * 000000000000.
   */
  public static final EmulatorCredentials DEFAULT =
      new EmulatorCredentials("test", "test", "000000000000");

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a key is empty or contains {@code :} or whitespace, or
   *     the account id is not twelve digits
   */
  public EmulatorCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(accountId, "accountId");
    if (accessKeyId.isEmpty() || accessKeyId.contains(":") || accessKeyId.matches(".*\\s.*")) {
      throw new IllegalArgumentException(
          "Invalid access key id '"
              + accessKeyId
              + "': it must be non-empty, without ':' or whitespace.");
    }
    if (secretAccessKey.isEmpty() || secretAccessKey.contains(":")) {
      // The secret itself is never echoed.
      throw new IllegalArgumentException(
          "Invalid secret key for access key '"
              + accessKeyId
              + "': it must be non-empty, without ':'.");
    }
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "Invalid account id '"
              + accountId
              + "': it must be twelve digits, such as 000000000000.");
    }
  }

  /**
   * Parses {@code ACCESS_KEY:SECRET_KEY:ACCOUNT}, the form of the {@code --credentials} option.
   *
   * @throws IllegalArgumentException when {@code text} does not have three parts or a part is
   *     invalid
   */
  public static EmulatorCredentials parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      String shown = parts.length > 0 ? parts[0] + ":..." : "";
      throw new IllegalArgumentException(
          "Invalid credentials '"
              + shown
              + "': expected ACCESS_KEY:SECRET_KEY:ACCOUNT, such as test:test:000000000000.");
    }
    return new EmulatorCredentials(parts[0], parts[1], parts[2]);
  }

  /** Returns the access key and account, without the secret key. */
  @Override
  public String toString() {
    return "EmulatorCredentials[accessKeyId=" + accessKeyId + ", accountId=" + accountId + "]";
  }
}
