package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The options that select a registry: endpoint, region, account and credentials. Shared by {@code
 * plan}, {@code apply} and {@code import} as a picocli mixin.
 */
final class ConnectionOptions {

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "The ECR API endpoint, such as http://127.0.0.1:5000 for the emulator. Default: the"
              + " region's ECR endpoint.")
  private @Nullable String endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The region, such as eu-west-1. Default: AWS_REGION, then the AWS config file's region.")
  private @Nullable String region;

  @Option(
      names = "--account-id",
      paramLabel = "ACCOUNT",
      description =
          "The 12-digit account of the registry. Optional; when given, a specification for another"
              + " account is rejected.")
  private @Nullable String accountId;

  @Option(
      names = "--access-key-id",
      paramLabel = "KEY_ID",
      description =
          "An access key id, for emulators and tests; needs --secret-access-key. Default: the AWS"
              + " SDK's default credentials chain (environment, profile, instance role).")
  private @Nullable String accessKeyId;

  @Option(
      names = "--secret-access-key",
      paramLabel = "SECRET",
      description =
          "The secret of --access-key-id. Other users of the machine can see command-line"
              + " arguments, so use it only with emulators and test credentials.")
  private @Nullable String secretAccessKey;

  /**
   * Creates the client these options describe.
   *
   * @throws CliException for invalid options, or when no region or credentials can be found
   */
  Ecr4jClient client() throws CliException {
    Ecr4jClient.Builder builder = Ecr4jClient.builder().region(resolveRegion());
    if (endpoint != null) {
      builder.endpointOverride(parseEndpoint(endpoint));
    }
    if (accountId != null) {
      try {
        builder.accountId(accountId);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--account-id: " + e.getMessage());
      }
    }
    builder.credentialsProvider(credentials(accessKeyId, secretAccessKey));
    try {
      return builder.build();
    } catch (SdkClientException e) {
      // The client resolves the credentials once to key its rate limiters.
      throw new CliException(
          ExitCodes.ECR_FAILURE,
          "no AWS credentials were found ("
              + firstLine(e.getMessage())
              + "); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, configure a profile, or pass"
              + " --access-key-id and --secret-access-key for an emulator");
    }
  }

  private Region resolveRegion() throws CliException {
    if (region != null) {
      if (!region.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
        throw new CliException(
            ExitCodes.USAGE,
            "--region: '" + region + "' is not a region name; use a name such as eu-west-1");
      }
      return Region.of(region);
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      throw new CliException(
          ExitCodes.USAGE, "no region was given; pass --region, such as --region eu-west-1");
    }
  }

  /**
   * Returns static credentials when both keys are given, the SDK's default chain when neither is.
   *
   * @throws CliException when only one of the two keys is given
   */
  static AwsCredentialsProvider credentials(
      @Nullable String accessKeyId, @Nullable String secretAccessKey) throws CliException {
    if (accessKeyId == null && secretAccessKey == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (accessKeyId == null || secretAccessKey == null || accessKeyId.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE, "--access-key-id and --secret-access-key must be given together");
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  /** Parses the {@code --endpoint} value, which must be an absolute URL with a host. */
  static URI parseEndpoint(String text) throws CliException {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(text, "a scheme and a host are required");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "--endpoint: '"
              + text
              + "' is not an absolute URL; use one such as http://127.0.0.1:5000");
    }
  }

  private static String firstLine(@Nullable String message) {
    String text = String.valueOf(message);
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
