package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.Ecr4jPublicClient;
import dev.ecr4j.registry.RegistryException;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** {@code ecr4j demo [--endpoint URL] [--region REGION] [--yes]}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows ecr4j from end to end: creates a private repository with immutable tags and scan on"
          + " push and a public one, authenticates, builds two images and pushes them, puts a"
          + " lifecycle policy written with the policy DSL and previews it, replicates to a second"
          + " region, and runs the lifecycle policy.",
      "Without --endpoint or --region, everything runs against an embedded ECR emulator on"
          + " 127.0.0.1 that is thrown away afterwards: no AWS account is needed.",
      "With --endpoint or --region, the demo changes that registry with your AWS credentials,"
          + " after asking for confirmation. It deletes nothing.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:Pushing an image failed: the registry rejected a request or could not be reached.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      "5:The confirmation was declined, and nothing was changed.",
      "6:A call to ECR failed, or no AWS credentials were found."
    })
final class DemoCommand implements Callable<Integer> {

  /** The region of the embedded emulator's registry. */
  static final String EMBEDDED_REGION = "us-east-1";

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "Run against this ECR API endpoint instead of an embedded emulator, such as"
              + " http://127.0.0.1:5000 for 'ecr4j emulator'. ECR Public calls go there too.")
  private @Nullable String endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Run against the registry of this region instead of an embedded emulator. Default with"
              + " --endpoint: AWS_REGION, then the AWS config file's region.")
  private @Nullable String region;

  @Option(
      names = "--replica-region",
      paramLabel = "REGION",
      description = "The region to replicate to. Default: us-west-2, or us-east-1 from us-west-2.")
  private @Nullable String replicaRegion;

  @Option(
      names = "--access-key-id",
      paramLabel = "KEY_ID",
      description =
          "An access key id, for emulators and tests; needs --secret-access-key. Default: the AWS"
              + " SDK's default credentials chain.")
  private @Nullable String accessKeyId;

  @Option(
      names = "--secret-access-key",
      paramLabel = "SECRET",
      description =
          "The secret of --access-key-id. Other users of the machine can see command-line"
              + " arguments, so use it only with emulators and test credentials.")
  private @Nullable String secretAccessKey;

  @Option(
      names = {"-y", "--yes"},
      description = "With --endpoint or --region, change the registry without asking.")
  private boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (endpoint == null && region == null) {
        return runEmbedded(out);
      }
      return runRemote(out, err);
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    } catch (RegistryException e) {
      err.println("error: demo failed while pushing: " + escape(e.getMessage()));
      return ExitCodes.INVALID_INPUT;
    } catch (Ecr4jException e) {
      err.println("error: demo failed: " + escape(e.getMessage()));
      return ExitCodes.ECR_FAILURE;
    } catch (SdkException e) {
      err.println(
          "error: demo failed: "
              + escape(firstLine(e.getMessage()))
              + ". Configure AWS credentials (for example AWS_PROFILE), or pass --access-key-id and"
              + " --secret-access-key for an emulator");
      return ExitCodes.ECR_FAILURE;
    } catch (IOException | UncheckedIOException e) {
      err.println("error: demo failed: " + escape(e.getMessage()));
      return ExitCodes.INVALID_INPUT;
    } finally {
      out.flush();
    }
  }

  private int runEmbedded(PrintWriter out) throws IOException, CliException {
    if (yes || replicaRegion != null || accessKeyId != null || secretAccessKey != null) {
      throw new CliException(
          ExitCodes.USAGE,
          "--yes, --replica-region and the credential options apply only with --endpoint or"
              + " --region; without them the demo runs against its own emulator");
    }
    // Lifecycle policies run only when the demo runs them, so that its last step shows the result.
    try (EcrEmulator emulator = EcrEmulator.builder().lifecycleInterval(Duration.ZERO).start()) {
      out.println("Started an embedded ECR emulator on " + emulator.endpoint() + ".");
      out.println(
          "Nothing leaves this machine, and everything is deleted when the demo ends. Region "
              + EMBEDDED_REGION
              + ", account "
              + emulator.credentials().get(0).accountId()
              + ".");
      AwsCredentialsProvider credentials =
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(
                  emulator.credentials().get(0).accessKeyId(),
                  emulator.credentials().get(0).secretAccessKey()));
      run(out, credentials, emulator.endpoint(), Region.of(EMBEDDED_REGION), "us-west-2", emulator);
    }
    return ExitCodes.OK;
  }

  private int runRemote(PrintWriter out, PrintWriter err) throws IOException, CliException {
    Region target = resolveRegion();
    URI endpointUri = endpoint == null ? null : ConnectionOptions.parseEndpoint(endpoint);
    AwsCredentialsProvider credentials =
        ConnectionOptions.credentials(accessKeyId, secretAccessKey);
    String replica = resolveReplicaRegion(target.id());

    out.println(
        "ecr4j demo will change the registry "
            + (endpointUri == null ? "of your AWS account" : "at " + endpointUri)
            + " in "
            + target.id()
            + ":");
    out.println(
        "  - create the private repository "
            + DemoStory.REPOSITORY
            + " (immutable tags, scan on push) and push two small images to it");
    out.println(
        "  - create the public repository " + DemoStory.PUBLIC_REPOSITORY + " in ECR Public");
    out.println("  - put a lifecycle policy on " + DemoStory.REPOSITORY);
    out.println(
        "  - add a rule to the registry's replication configuration that replicates "
            + DemoStory.REPLICATION_PREFIX
            + "* to "
            + replica);
    out.println("It deletes nothing, and it keeps the registry's other replication rules.");
    if (!yes && !confirmed(out)) {
      err.println("Demo cancelled; nothing was changed.");
      return ExitCodes.CHANGES_PENDING;
    }

    run(out, credentials, endpointUri, target, replica, null);

    out.println();
    out.println("To remove what the demo created:");
    // Without the endpoint, a command copied from here would delete repositories in AWS instead.
    String endpointOption = endpointUri == null ? "" : " --endpoint-url " + endpointUri;
    out.println(
        "  aws ecr delete-repository --force --repository-name "
            + DemoStory.REPOSITORY
            + " --region "
            + target.id()
            + endpointOption);
    out.println(
        "  aws ecr delete-repository --force --repository-name "
            + DemoStory.REPOSITORY
            + " --region "
            + replica
            + endpointOption);
    out.println(
        "  aws ecr-public delete-repository --force --repository-name "
            + DemoStory.PUBLIC_REPOSITORY
            + " --region us-east-1"
            + endpointOption);
    out.println(
        "  and remove the rule for "
            + DemoStory.REPLICATION_PREFIX
            + " from the replication configuration (aws ecr put-replication-configuration).");
    return ExitCodes.OK;
  }

  /** Runs the story with clients for {@code endpointUri}, or for AWS when it is null. */
  private void run(
      PrintWriter out,
      AwsCredentialsProvider credentials,
      @Nullable URI endpointUri,
      Region target,
      String replica,
      @Nullable EcrEmulator emulator)
      throws IOException {
    Path workDirectory = Files.createTempDirectory("ecr4j-demo-");
    Ecr4jPublicClient.Builder galleryBuilder =
        Ecr4jPublicClient.builder().credentialsProvider(credentials);
    if (endpointUri != null) {
      galleryBuilder.endpointOverride(endpointUri);
    }
    try (Ecr4jClient ecr = client(credentials, endpointUri, target);
        Ecr4jPublicClient gallery = galleryBuilder.build()) {
      new DemoStory(
              ecr,
              gallery,
              name -> client(credentials, endpointUri, Region.of(name)),
              replica,
              emulator,
              System.console() != null,
              out,
              workDirectory)
          .run();
    } finally {
      deleteRecursively(workDirectory);
    }
  }

  private static Ecr4jClient client(
      AwsCredentialsProvider credentials, @Nullable URI endpointUri, Region target) {
    Ecr4jClient.Builder builder =
        Ecr4jClient.builder().credentialsProvider(credentials).region(target);
    if (endpointUri != null) {
      builder.endpointOverride(endpointUri);
    }
    return builder.build();
  }

  private Region resolveRegion() throws CliException {
    if (region != null) {
      return Region.of(checkRegion("--region", region));
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkException e) {
      throw new CliException(
          ExitCodes.USAGE, "no region was given; pass --region, such as --region eu-west-1");
    }
  }

  private String resolveReplicaRegion(String source) throws CliException {
    if (replicaRegion != null) {
      checkRegion("--replica-region", replicaRegion);
      if (replicaRegion.equals(source)) {
        throw new CliException(
            ExitCodes.USAGE,
            "--replica-region: '"
                + replicaRegion
                + "' is the region of the registry itself; choose another region, such as"
                + (source.equals("us-west-2") ? " us-east-1" : " us-west-2"));
      }
      return replicaRegion;
    }
    return source.equals("us-west-2") ? "us-east-1" : "us-west-2";
  }

  private static String checkRegion(String option, String value) throws CliException {
    if (!value.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
      throw new CliException(
          ExitCodes.USAGE,
          option + ": '" + value + "' is not a region name; use a name such as eu-west-1");
    }
    return value;
  }

  /** Prompts on standard output and reads the reply from standard input; only "yes" confirms. */
  private static boolean confirmed(PrintWriter out) {
    out.print("Continue? Only 'yes' is accepted: ");
    out.flush();
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String reply = in.readLine();
      return reply != null && reply.trim().toLowerCase(Locale.ROOT).equals("yes");
    } catch (IOException e) {
      return false;
    }
  }

  private static String escape(@Nullable String message) {
    return Printable.escapeControlCharacters(String.valueOf(message));
  }

  private static String firstLine(@Nullable String message) {
    String text = String.valueOf(message);
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
