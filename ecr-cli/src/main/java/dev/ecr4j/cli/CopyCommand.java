package dev.ecr4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j copy SOURCE DESTINATION}. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Copies an image between registries, repositories and local formats. Blobs the destination"
          + " has are skipped; within one registry they are mounted instead of uploaded.",
      "SOURCE and DESTINATION are each oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG],"
          + " oci-archive:FILE[:TAG] or a registry reference.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      Transfer.FAILED_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
final class CopyCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @Mixin private TransferOptions options = new TransferOptions();

  @SuppressWarnings("NullAway.Init") // picocli sets required parameters before call()
  @Parameters(index = "0", paramLabel = "SOURCE", description = "Where the image is read.")
  private String source;

  @SuppressWarnings("NullAway.Init") // picocli sets required parameters before call()
  @Parameters(index = "1", paramLabel = "DESTINATION", description = "Where the image is written.")
  private String target;

  @Override
  public Integer call() {
    return TransferCommands.run(spec, options, source, target, TransferCommands.Direction.COPY);
  }
}
