package dev.ecr4j.cli;

import java.io.IOException;
import java.io.InputStream;
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

/**
 * Opens the files named on the command line, turning every way they can fail into a one-line {@link
 * CliException}: a missing, unreadable or directory path is a usage error, while oversized or
 * non-UTF-8 content is invalid input.
 */
final class InputFiles {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

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

    String text = decodeUtf8(file, role, bytes);
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  /** Opens a file for streaming, after the same checks as {@link #readText}. */
  static InputStream open(Path file, String role) throws CliException {
    checkReadable(file, role);
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw readFailure(file, role, e);
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
