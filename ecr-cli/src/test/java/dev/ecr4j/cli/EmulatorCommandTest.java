package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

  @Test
  void printsEndpointWhenReady() {
    CliRun run = CliRun.run("emulator", "--stop-after", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines().get(0))
        .matches("ECR emulator listening on http://127\\.0\\.0\\.1:\\d+");
    assertThat(run.outLines().get(1)).isEqualTo("  access key test -> account 000000000000");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void listsEveryCredential() {
    CliRun run =
        CliRun.run(
            "emulator",
            "--stop-after",
            "0",
            "--credentials",
            "AKID1:secret1:111111111111",
            "--credentials",
            "AKID2:secret2:222222222222");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines())
        .contains(
            "  access key AKID1 -> account 111111111111",
            "  access key AKID2 -> account 222222222222");
    assertThat(run.out()).doesNotContain("secret1", "secret2");
  }

  @Test
  void invalidCredentialsAreUsageError() {
    CliRun run = CliRun.run("emulator", "--stop-after", "0", "--credentials", "AKID:secret:12");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: Invalid account id '12': it must be twelve digits, such as 000000000000.",
            "Run 'ecr4j emulator --help' for the usage and options.");
  }

  @Test
  void takenPortFailsToStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CliRun run =
          CliRun.run(
              "emulator", "--stop-after", "0", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(run.err())
          .startsWith("error: Cannot start the ECR emulator on 127.0.0.1:" + taken.getLocalPort());
      assertThat(run.err()).containsOnlyOnce("Choose");
      assertThat(run.err()).doesNotContain("..");
    }
  }
}
