package dev.ecr4j.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options push, pull and copy share: credentials, plain HTTP, platform and parallelism. */
final class TransferOptions {

  @Option(
      names = {"-u", "--username"},
      paramLabel = "NAME",
      description =
          "The registry user name. Without it, ECR registries get tokens from the AWS credentials"
              + " (the default credentials chain) and other registries are accessed anonymously.")
  @Nullable String username;

  @Option(
      names = {"-p", "--password"},
      paramLabel = "PASSWORD",
      description =
          "The registry password; prefer --password-stdin, which keeps it out of the process list.")
  @Nullable String password;

  @Option(
      names = "--password-stdin",
      description = "Reads the registry password from the first line of standard input.")
  boolean passwordStdin;

  @Option(
      names = "--insecure",
      description =
          "Uses plain HTTP instead of HTTPS, for a registry on localhost or 127.0.0.1 only.")
  boolean insecure;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description =
          "Transfers only this platform's image, such as linux/arm64: the matching image of a"
              + " multi-platform index, or a single image after checking that its config names"
              + " this platform. Without a variant, any variant matches.")
  @Nullable String platform;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "How many blobs are transferred at once, from 1 to 64. Default: 6.")
  int parallelism = 6;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The region of the ECR token request; by default the region in the registry host name.")
  @Nullable String region;

  @Option(
      names = "--ecr-endpoint-url",
      paramLabel = "URL",
      description =
          "Sends the ECR token request (GetAuthorizationToken) to this endpoint, such as the"
              + " ecr4j emulator. A registry that is not an ECR host then gets tokens for the"
              + " account and region that start the repository name, as in"
              + " 127.0.0.1:PORT/ACCOUNT/REGION/NAME.")
  @Nullable URI ecrEndpoint;

  @Option(
      names = {"-q", "--quiet"},
      description = "Prints only the final line, without progress.")
  boolean quiet;

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (password != null && passwordStdin) {
      problems.add("--password and --password-stdin exclude each other; use one of them.");
    }
    if ((password != null || passwordStdin) && username == null) {
      problems.add("a password needs --username.");
    }
    if (username != null && password == null && !passwordStdin) {
      problems.add("--username needs --password or --password-stdin.");
    }
    return problems;
  }
}
