package dev.ecr4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j pull REFERENCE DESTINATION}. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Pulls an image from a registry, without a Docker daemon: every blob and manifest is checked"
          + " against its digest, and broken downloads resume where they stopped.",
      "DESTINATION is oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or oci-archive:FILE[:TAG].",
      "REFERENCE is registry/repository[:tag], such as"
          + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      Transfer.FAILED_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
final class PullCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @Mixin private TransferOptions options = new TransferOptions();

  @SuppressWarnings("NullAway.Init") // picocli sets required parameters before call()
  @Parameters(index = "0", paramLabel = "REFERENCE", description = "The registry reference.")
  private String source;

  @SuppressWarnings("NullAway.Init") // picocli sets required parameters before call()
  @Parameters(index = "1", paramLabel = "DESTINATION", description = "The local destination.")
  private String target;

  @Override
  public Integer call() {
    return TransferCommands.run(spec, options, source, target, TransferCommands.Direction.PULL);
  }
}
