package dev.ecr4j.testkit.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line and byte reads of a connection's input, with buffers small enough to split lines. */
class ConnectionInputTest {

  private static ConnectionInput input(String text, int bufferBytes) {
    return new ConnectionInput(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), bufferBytes);
  }

  @Test
  void readsLinesAcrossBufferBoundaries() throws IOException {
    for (int bufferBytes : new int[] {1, 2, 3, 5, 64}) {
      ConnectionInput in = input("GET / HTTP/1.1\r\nHost: x\n\r\nbody", bufferBytes);

      assertThat(in.readLine(100)).as("buffer %d", bufferBytes).isEqualTo("GET / HTTP/1.1");
      assertThat(in.lastLineBytes()).isEqualTo(16);
      assertThat(in.readLine(100)).isEqualTo("Host: x");
      assertThat(in.lastLineBytes()).isEqualTo(8);
      assertThat(in.readLine(100)).isEmpty();
      assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("body");
    }
  }

  @Test
  void returnsNullAtTheEndBeforeALine() throws IOException {
    ConnectionInput in = input("one\n", 4);

    assertThat(in.readLine(10)).isEqualTo("one");
    assertThat(in.readLine(10)).isNull();
    assertThat(in.peek()).isEqualTo(-1);
  }

  @Test
  void failsWhenTheStreamEndsInsideALine() {
    ConnectionInput in = input("no end", 2);

    assertThatThrownBy(() -> in.readLine(100)).isInstanceOf(EOFException.class);
  }

  @Test
  void rejectsALineLongerThanItsLimit() throws IOException {
    // Nine bytes with the line end fit a limit of nine; ten do not.
    assertThat(input("12345678\n", 3).readLine(9)).isEqualTo("12345678");
    assertThatThrownBy(() -> input("123456789\n", 3).readLine(9))
        .isInstanceOf(ConnectionInput.LineTooLongException.class)
        .hasMessage("A line is longer than 9 bytes.");
  }

  @Test
  void peekLeavesTheByteToRead() throws IOException {
    ConnectionInput in = input("\u0016abc", 2);

    assertThat(in.peek()).isEqualTo(0x16);
    assertThat(in.read()).isEqualTo(0x16);
    byte[] rest = new byte[10];
    assertThat(in.read(rest, 0, 10)).isEqualTo(1);
    assertThat(in.read(rest, 1, 10 - 1)).isEqualTo(2);
    assertThat(new String(rest, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("abc");
  }
}
