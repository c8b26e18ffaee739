package dev.ecr4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Opens the files named on the command line, turning every way they can fail into a one-line {@link
 * CliException}: an empty, missing, unreadable or directory path is a usage error, while oversized
 * or non-UTF-8 content is invalid input.
 */
final class InputFiles {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** The bytes that {@link #otherEncoding} looks at: one UTF-32 code unit. */
  private static final int ENCODING_PROBE_BYTES = 4;

  private InputFiles() {}

  /**
   * Reads a whole text file as UTF-8, dropping a leading byte order mark.
   *
   * @param role what the file is, such as "policy file", for messages
   * @param maxBytes the size above which the file is rejected without being read further, so that
   *     special files such as {@code /dev/zero} end too
   * @param sizeAdvice why files above {@code maxBytes} cannot be right, and what to pass instead
   */
  static String readText(Path file, String role, long maxBytes, String sizeAdvice)
      throws CliException {
    checkReadable(file, role);

    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw readFailure(file, role, e);
    }
    if (bytes.length > maxBytes) {
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          role
              + " "
              + quoted(file)
              + " is larger than "
              + formatSize(maxBytes)
              + "; "
              + sizeAdvice);
    }

    rejectUtf16AndUtf32(file, role, bytes);
    String text = decodeUtf8(file, role, bytes);
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  /**
   * Opens a file for streaming, after the same checks as {@link #readText} of the path, and with
   * UTF-16 and UTF-32 rejected. The size is not limited, and the reader of the stream must reject
   * invalid UTF-8.
   */
  static InputStream open(Path file, String role) throws CliException {
    checkReadable(file, role);
    InputStream in = null;
    try {
      in = Files.newInputStream(file);
      PushbackInputStream head = new PushbackInputStream(in, ENCODING_PROBE_BYTES);
      byte[] first = head.readNBytes(ENCODING_PROBE_BYTES);
      head.unread(first);
      rejectUtf16AndUtf32(file, role, first);
      return head;
    } catch (IOException e) {
      closeQuietly(in);
      throw readFailure(file, role, e);
    } catch (CliException e) {
      closeQuietly(in);
      throw e;
    }
  }

  private static void closeQuietly(@Nullable InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException ignored) {
      // Closing a file that was only read cannot lose data, and the first failure is reported.
    }
  }

  /** Builds the usage error for a file that failed while being read. */
  static CliException readFailure(Path file, String role, IOException e) {
    if (e instanceof NoSuchFileException) {
      return notFound(file, role);
    }
    if (e instanceof AccessDeniedException) {
      return denied(file, role);
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CliException(
        ExitCodes.USAGE,
        "cannot read " + role + " " + quoted(file) + ": " + reason + "; check the path");
  }

  private static void checkReadable(Path file, String role) throws CliException {
    // Path.of("") is the current directory, which would be reported as a directory.
    if (file.toString().isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE, "the name of the " + role + " is empty; pass the path of a JSON file");
    }
    if (Files.isDirectory(file)) {
      throw new CliException(
          ExitCodes.USAGE,
          role + " " + quoted(file) + " is a directory; pass the path of a JSON file");
    }
    if (!Files.exists(file)) {
      throw notFound(file, role);
    }
    if (!Files.isReadable(file)) {
      throw denied(file, role);
    }
  }

  private static CliException notFound(Path file, String role) {
    return new CliException(
        ExitCodes.USAGE,
        role + " " + quoted(file) + " not found; check the path and the current directory");
  }

  private static CliException denied(Path file, String role) {
    return new CliException(
        ExitCodes.USAGE,
        role
            + " "
            + quoted(file)
            + " cannot be read: permission denied; grant read access or copy the file");
  }

  /**
   * Rejects text in UTF-16 or UTF-32. Jackson would detect and read those encodings from a stream,
   * but JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1), and ecr4j reads policy
   * files as UTF-8 only, so both kinds of files are held to that.
   */
  private static void rejectUtf16AndUtf32(Path file, String role, byte[] bytes)
      throws CliException {
    String encoding = otherEncoding(bytes);
    if (encoding != null) {
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          role + " " + quoted(file) + " is " + encoding + "; save it as UTF-8");
    }
  }

  /**
   * Describes the encoding of a text that starts with {@code bytes} when it is UTF-16 or UTF-32, or
   * returns null. Without a byte order mark, the NUL bytes of the first character give the encoding
   * away, because the first character of JSON text is ASCII and UTF-8 JSON has no NUL bytes. RFC
   * 4627, section 3, detects encodings the same way.
   */
  static @Nullable String otherEncoding(byte[] bytes) {
    int length = Math.min(bytes.length, ENCODING_PROBE_BYTES);
    int[] b = new int[ENCODING_PROBE_BYTES];
    for (int i = 0; i < length; i++) {
      b[i] = bytes[i] & 0xFF;
    }
    boolean hasFourBytes = length == 4;
    boolean hasTwoBytes = length >= 2;
    if (hasFourBytes && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
      return "UTF-32 (it starts with a UTF-32 little-endian byte order mark)";
    }
    if (hasFourBytes && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
      return "UTF-32 (it starts with a UTF-32 big-endian byte order mark)";
    }
    if (hasTwoBytes && b[0] == 0xFF && b[1] == 0xFE) {
      return "UTF-16 (it starts with a UTF-16 little-endian byte order mark)";
    }
    if (hasTwoBytes && b[0] == 0xFE && b[1] == 0xFF) {
      return "UTF-16 (it starts with a UTF-16 big-endian byte order mark)";
    }
    String withoutMark = " without a byte order mark (its first character contains NUL bytes)";
    if (hasFourBytes && b[0] == 0 && b[1] == 0 && b[2] == 0 && isAscii(b[3])) {
      return "UTF-32" + withoutMark;
    }
    if (hasFourBytes && isAscii(b[0]) && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      return "UTF-32" + withoutMark;
    }
    if (hasTwoBytes && ((b[0] == 0 && isAscii(b[1])) || (isAscii(b[0]) && b[1] == 0))) {
      return "UTF-16" + withoutMark;
    }
    return null;
  }

  /** Returns true for an ASCII character other than NUL. */
  private static boolean isAscii(int unsignedByte) {
    return unsignedByte > 0 && unsignedByte < 0x80;
  }

  private static String decodeUtf8(Path file, String role, byte[] bytes) throws CliException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          role
              + " "
              + quoted(file)
              + " is not UTF-8 text: the byte 0x"
              + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xFF)
              + " at offset "
              + offset
              + " is invalid; save the file as UTF-8 JSON");
    }
    out.flip();
    return out.toString();
  }

  static String quoted(Path file) {
    return "\"" + file + "\"";
  }

  private static String formatSize(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    return bytes + " bytes";
  }
}
