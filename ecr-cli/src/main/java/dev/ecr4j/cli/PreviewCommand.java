package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.DescribeImagesJson;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecr4j lifecycle preview --policy FILE --images FILE}. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Evaluates a lifecycle policy locally against a repository's images and shows what one"
          + " lifecycle run would expire, archive or keep, and why.",
      "The images file is what aws ecr describe-images prints with --output json.",
      "Policy warnings go to standard error.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:The policy or the images file is invalid. The problems of both are printed.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.OUT_OF_MEMORY_LINE
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  aws ecr describe-images --repository-name web-app --output json > images.json",
      "  ecr4j lifecycle preview --policy policy.json --images images.json"
    })
final class PreviewCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // picocli sets required options before call()
  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The lifecycle policy JSON file.")
  private Path policyFile;

  @SuppressWarnings("NullAway.Init") // picocli sets required options before call()
  @Option(
      names = "--images",
      required = true,
      paramLabel = "FILE",
      description =
          "The repository's images: the JSON output of aws ecr describe-images, or a JSON array"
              + " of its imageDetails.")
  private Path imagesFile;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description =
          "The time to evaluate at: an ISO-8601 instant such as 2026-12-01T00:00:00Z, or a date"
              + " such as 2026-12-01 for the start of that day in UTC. Default: the current time.")
  private @Nullable Instant now;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description =
          "table: every image with its outcome, for people. json: ECR's"
              + " GetLifecyclePolicyPreview response, listing the images acted on. Default:"
              + " ${DEFAULT-VALUE}.")
  private OutputFormat output = OutputFormat.TABLE;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    // Read both files before failing, so that one run reports the problems of both.
    int exitCode = ExitCodes.OK;
    LifecyclePolicy policy = null;
    try {
      policy = PolicyFiles.load(policyFile, err);
    } catch (CliException e) {
      e.print(err);
      exitCode = Math.max(exitCode, e.exitCode());
    }
    DescribeImagesJson.Result listing = null;
    try {
      listing = ImageFiles.load(imagesFile);
    } catch (CliException e) {
      e.print(err);
      exitCode = Math.max(exitCode, e.exitCode());
    }
    if (policy == null || listing == null) {
      return exitCode;
    }

    warnAboutListing(listing, err);
    Instant evaluatedAt = now == null ? Instant.now() : now;
    LifecyclePreview preview = policy.preview(listing.images(), evaluatedAt);
    if (output == OutputFormat.JSON) {
      PreviewJson.print(preview, listing, out);
    } else {
      PreviewTable.print(preview, listing, out);
    }
    return ExitCodes.OK;
  }

  private void warnAboutListing(DescribeImagesJson.Result listing, PrintWriter err) {
    if (listing.isTruncated()) {
      err.println(
          "warning: "
              + Printable.escapeControlCharacters(InputFiles.quoted(imagesFile))
              + " has a nextToken, so it is one page of a longer listing, and the preview ranks"
              + " only its "
              + listing.images().size()
              + " images; list every image by running aws ecr describe-images without"
              + " --max-items");
    }
    if (listing.images().isEmpty()) {
      err.println(
          "warning: "
              + Printable.escapeControlCharacters(InputFiles.quoted(imagesFile))
              + " lists no images, so nothing can expire");
    }
  }
}
