package dev.ecr4j.testkit.emulator.internal;

import java.security.SecureRandom;

/**
 * Random bytes for the emulator's secrets: registry tokens and the key of layer download URLs.
 *
 * <p>The {@link SecureRandom} is created on first use, so that starting an emulator and serving its
 * first control-plane call never pay for seeding one.
 */
final class Secrets {

  private Secrets() {}

  /** Returns {@code length} bytes from a {@link SecureRandom}. */
  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    Holder.RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static final class Holder {
    static final SecureRandom RANDOM = new SecureRandom();
  }
}
