package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StandardOutputTest {

  /** Returns a stream whose every write fails with {@code message}. */
  private static OutputStream failing(String message) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(message);
      }
    };
  }

  @Test
  void fullDiskFailsTheCommand() {
    StandardOutput stdout = new StandardOutput(failing("No space left on device"));
    PrintWriter out = new PrintWriter(stdout, true);
    StringWriter err = new StringWriter();

    out.println("policy");

    assertThat(Ecr4jCommand.checkOutput(ExitCodes.OK, stdout, new PrintWriter(err, true)))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString())
        .startsWith("error: writing to standard output failed (No space left on device)");
  }

  @Test
  void closedPipeIsNoFailure() {
    StandardOutput stdout = new StandardOutput(failing("Broken pipe"));
    assertThatThrownBy(() -> stdout.write(1)).isInstanceOf(IOException.class);
    StringWriter err = new StringWriter();

    assertThat(Ecr4jCommand.checkOutput(ExitCodes.OK, stdout, new PrintWriter(err, true)))
        .isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void failedCommandKeepsItsExitCode() {
    StandardOutput stdout = new StandardOutput(failing("No space left on device"));
    assertThatThrownBy(() -> stdout.write(1)).isInstanceOf(IOException.class);

    assertThat(
            Ecr4jCommand.checkOutput(ExitCodes.USAGE, stdout, new PrintWriter(new StringWriter())))
        .isEqualTo(ExitCodes.USAGE);
  }
}
