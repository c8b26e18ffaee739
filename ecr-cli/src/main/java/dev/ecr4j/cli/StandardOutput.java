package dev.ecr4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Standard output that remembers why a write failed.
 *
 * <p>{@code System.out} and {@link java.io.PrintWriter} both swallow write errors, so a command
 * whose output went to a full disk ({@code ecr4j lifecycle render > policy.json}) would exit with 0
 * and leave an empty or cut file behind. The command's exit code has to say that instead.
 */
final class StandardOutput extends FilterOutputStream {

  private @Nullable IOException failure;

  StandardOutput() {
    this(new FileOutputStream(FileDescriptor.out));
  }

  StandardOutput(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  /**
   * Returns why writing failed, or null when every write succeeded or the reader closed the pipe. A
   * closed pipe is the reader's choice, as in {@code ecr4j ... | head}, so it is no failure.
   */
  @Nullable IOException failure() {
    IOException e = failure;
    // NOTE: the JDK reports a closed pipe only in the message text, "Broken pipe" on Linux and
    // macOS, so elsewhere a closed pipe counts as a failure.
    if (e != null && String.valueOf(e.getMessage()).contains("Broken pipe")) {
      return null;
    }
    return e;
  }
}
