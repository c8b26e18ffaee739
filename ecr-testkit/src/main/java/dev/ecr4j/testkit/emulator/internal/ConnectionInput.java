package dev.ecr4j.testkit.emulator.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The buffered input side of one connection, which also reads lines.
 *
 * <p>Unlike {@link java.io.BufferedInputStream} it takes no lock per call, and it finds a line's
 * end by scanning its buffer instead of reading byte by byte. Reading request heads byte by byte
 * took most of the emulator's CPU time under load. One connection thread uses an instance at a
 * time.
 */
final class ConnectionInput extends InputStream {

  /** A line longer than the limit given to {@link #readLine}. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int maxBytes) {
      super("A line is longer than " + maxBytes + " bytes.");
    }
  }

  private final InputStream in;
  private final byte[] buffer;
  private int position;
  private int limit;
  private int lastLineBytes;

  ConnectionInput(InputStream in, int bufferBytes) {
    this.in = in;
    this.buffer = new byte[bufferBytes];
  }

  /** Returns the next byte without consuming it, or -1 at the end of the stream. */
  int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position] & 0xff;
  }

  @Override
  public int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    if (position == limit) {
      // A read at least as large as the buffer gains nothing from copying through it.
      if (length >= buffer.length) {
        return in.read(target, offset, length);
      }
      if (!fill()) {
        return -1;
      }
    }
    int copied = Math.min(length, limit - position);
    System.arraycopy(buffer, position, target, offset, copied);
    position += copied;
    return copied;
  }

  @Override
  public int available() throws IOException {
    return limit - position + in.available();
  }

  /**
   * Reads a line ended by LF, with or without a CR before it, as ISO-8859-1.
   *
   * @param maxBytes the most bytes the line may take, its end included
   * @return the line without its end, or null when the stream ends before the line's first byte
   * @throws LineTooLongException when no line end comes within {@code maxBytes}
   * @throws EOFException when the stream ends inside the line
   */
  @Nullable String readLine(int maxBytes) throws IOException {
    byte[] partial = null;
    int partialLength = 0;
    int consumed = 0;
    while (true) {
      if (position == limit && !fill()) {
        if (consumed == 0) {
          return null;
        }
        throw new EOFException("The connection closed inside a line.");
      }

      int start = position;
      int stop = Math.min(limit, start + (maxBytes - consumed));
      int end = start;
      while (end < stop && buffer[end] != '\n') {
        end++;
      }
      int length = end - start;
      boolean found = end < stop;
      position = found ? end + 1 : end;
      consumed += found ? length + 1 : length;

      if (found && partial == null) {
        lastLineBytes = consumed;
        return withoutCarriageReturn(
            new String(buffer, start, length, StandardCharsets.ISO_8859_1));
      }

      // The line continues past the buffered bytes: keep this part and read more.
      if (partial == null) {
        partial = new byte[Math.max(256, 2 * length)];
      } else if (partialLength + length > partial.length) {
        partial = Arrays.copyOf(partial, Math.max(2 * partial.length, partialLength + length));
      }
      System.arraycopy(buffer, start, partial, partialLength, length);
      partialLength += length;
      if (found) {
        lastLineBytes = consumed;
        return withoutCarriageReturn(
            new String(partial, 0, partialLength, StandardCharsets.ISO_8859_1));
      }
      if (consumed >= maxBytes) {
        throw new LineTooLongException(maxBytes);
      }
    }
  }

  /** Returns how many bytes the last line read took, its end included. */
  int lastLineBytes() {
    return lastLineBytes;
  }

  private static String withoutCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }
}
