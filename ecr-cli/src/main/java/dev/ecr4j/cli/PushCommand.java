package dev.ecr4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j push SOURCE REFERENCE}. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Pushes a local image to a registry, without a Docker daemon: blobs the registry has are"
          + " skipped, the rest are uploaded in parallel, and the manifest is tagged last.",
      "SOURCE is oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or oci-archive:FILE[:TAG].",
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
final class PushCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @Mixin private TransferOptions options = new TransferOptions();

  @SuppressWarnings("NullAway.Init") // picocli sets required parameters before call()
  @Parameters(index = "0", paramLabel = "SOURCE", description = "The local image.")
  private String source;

  @SuppressWarnings("NullAway.Init") // picocli sets required parameters before call()
  @Parameters(index = "1", paramLabel = "REFERENCE", description = "The registry reference.")
  private String target;

  @Override
  public Integer call() {
    return TransferCommands.run(spec, options, source, target, TransferCommands.Direction.PUSH);
  }
}
