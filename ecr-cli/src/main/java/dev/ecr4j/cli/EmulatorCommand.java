package dev.ecr4j.cli;

import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecr4j emulator [--port N] [--credentials ACCESS_KEY:SECRET_KEY:ACCOUNT ...]}. */
@Command(
    name = EmulatorCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the embedded Amazon ECR emulator on 127.0.0.1 until it is interrupted (Ctrl-C).",
      "Prints \"ECR emulator listening on http://127.0.0.1:PORT\" once it serves requests. Point"
          + " clients at it with --endpoint-url (AWS CLI) or endpointOverride (AWS SDK).",
      "Registry clients push to 127.0.0.1:PORT/ACCOUNT/REGION/NAME with user AWS and a password"
          + " from get-login-password. Tests move the clock, run lifecycle policies, inject faults"
          + " and reset through the admin API under http://127.0.0.1:PORT/_ecr4j/ (see"
          + " docs/emulator.md).",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:The emulator ran and was stopped.",
      "1:The emulator could not start, for example because the port is taken.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
final class EmulatorCommand implements Callable<Integer> {

  static final String NAME = "emulator";

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "N",
      description = "The TCP port on 127.0.0.1; 0, the default, picks a free port.")
  private int port;

  @Option(
      names = {"-c", "--credentials"},
      paramLabel = "ACCESS_KEY:SECRET_KEY:ACCOUNT",
      description =
          "An accepted access key, its secret key and its twelve-digit account; repeat for several"
              + " accounts. Default: test:test:000000000000.")
  private List<String> credentials = new ArrayList<>();

  @Option(
      names = "--lenient",
      description = "Accept any SigV4 signature, or none, instead of checking it.")
  private boolean lenient;

  @Option(
      names = "--stop-after",
      hidden = true,
      paramLabel = "SECONDS",
      description = "Stops the emulator after this many seconds; for scripts and tests.")
  private @Nullable Long stopAfterSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EcrEmulator.Builder builder;
    try {
      builder = EcrEmulator.builder().port(port).lenientSignatures(lenient);
      for (String text : credentials) {
        builder.credentials(EmulatorCredentials.parse(text));
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + Printable.escapeControlCharacters(String.valueOf(e.getMessage())));
      err.println("Run 'ecr4j emulator --help' for the usage and options.");
      return ExitCodes.USAGE;
    }

    EcrEmulator emulator;
    try {
      emulator = builder.start();
    } catch (UncheckedIOException e) {
      // For a given port, the emulator's message already names the fix: a free port, or 0.
      err.println("error: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              emulator.close();
              stopped.countDown();
            },
            "ecr4j-emulator-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.println("ECR emulator listening on " + emulator.endpoint());
      for (EmulatorCredentials credential : emulator.credentials()) {
        out.println(
            "  access key " + credential.accessKeyId() + " -> account " + credential.accountId());
      }
      out.flush();
      if (stopAfterSeconds == null) {
        stopped.await();
      } else {
        stopped.await(stopAfterSeconds, TimeUnit.SECONDS);
      }
    } finally {
      if (stopped.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
        emulator.close();
      }
    }
    return ExitCodes.OK;
  }
}
