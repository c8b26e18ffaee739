package dev.ecr4j.testkit.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The MessageDigest-based HMAC against RFC 4231's vectors and the JDK's own Mac. */
class HmacSha256Test {

  @Test
  void matchesRfc4231TestCases() {
    // Test case 2: a short key.
    assertThat(hex(HmacSha256.mac(ascii("Jefe"), ascii("what do ya want for nothing?"))))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    // Test case 6: a 131-byte key, longer than the block, is hashed first.
    byte[] longKey = new byte[131];
    Arrays.fill(longKey, (byte) 0xaa);
    assertThat(
            hex(
                HmacSha256.mac(
                    longKey, ascii("Test Using Larger Than Block-Size Key - Hash Key First"))))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void agreesWithJdkMacAroundBlockSize() throws Exception {
    Random random = new Random(42);
    for (int keyLength : new int[] {0, 1, 32, 63, 64, 65, 128, 200}) {
      byte[] key = new byte[keyLength];
      byte[] data = new byte[random.nextInt(300)];
      random.nextBytes(key);
      random.nextBytes(data);
      Mac mac = Mac.getInstance("HmacSHA256");
      // The JDK refuses an empty key; an HMAC over a zero-length key equals one over a zero byte.
      mac.init(new SecretKeySpec(keyLength == 0 ? new byte[1] : key, "HmacSHA256"));
      assertThat(HmacSha256.mac(key, data))
          .as("key of %d bytes", keyLength)
          .isEqualTo(mac.doFinal(data));
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
