package dev.ecr4j.testkit.emulator.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 (RFC 2104) computed with {@link MessageDigest}.
 *
 * <p>{@code javax.crypto.Mac} gives the same bytes, but its first use loads the JCE framework and
 * reads the JDK's crypto policy files: about 20 ms of an emulator's cold start on a 2-vCPU machine,
 * estimated from class-load logs. The construction is short enough to state here: {@code H((K ^
 * opad) || H((K ^ ipad) || m))} with the key padded to SHA-256's 64-byte block, or hashed first
 * when it is longer.
 */
final class HmacSha256 {

  private static final int BLOCK_BYTES = 64;
  private static final byte INNER_PAD = 0x36;
  private static final byte OUTER_PAD = 0x5c;

  private HmacSha256() {}

  /** Returns the 32-byte HMAC-SHA256 of {@code data} under {@code key}. */
  static byte[] mac(byte[] key, byte[] data) {
    MessageDigest sha256 = sha256();
    byte[] blockKey = key.length > BLOCK_BYTES ? sha256.digest(key) : key;

    byte[] pad = new byte[BLOCK_BYTES];
    xor(blockKey, INNER_PAD, pad);
    sha256.update(pad);
    sha256.update(data);
    byte[] inner = sha256.digest();

    xor(blockKey, OUTER_PAD, pad);
    sha256.update(pad);
    sha256.update(inner);
    return sha256.digest();
  }

  private static void xor(byte[] key, byte value, byte[] pad) {
    for (int i = 0; i < BLOCK_BYTES; i++) {
      pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ value);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
