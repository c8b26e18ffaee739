package dev.ecr4j.core.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An ECR registry host, parsed into the facts a client needs: partition, region, registry id, and
 * whether the host is a FIPS, dual-stack or ECR Public endpoint.
 *
 * <p>Private registries are {@code <account>.dkr.ecr[-fips].<region>.<suffix>} or, dual-stack,
 * {@code <account>.dkr-ecr[-fips].<region>.<suffix>}. The suffix names the partition: {@code
 * amazonaws.com} (aws, or aws-us-gov for us-gov regions), {@code amazonaws.com.cn} (aws-cn), {@code
 * amazonaws.eu} (aws-eusc), {@code c2s.ic.gov} (aws-iso), {@code sc2s.sgov.gov} (aws-iso-b), {@code
 * cloud.adc-e.uk} (aws-iso-e) and {@code csp.hci.ic.gov} (aws-iso-f); dual-stack hosts use {@code
 * on.aws}, or {@code on.amazonwebservices.com.cn} in China. ECR Public is {@code public.ecr.aws} or
 * the dual-stack {@code ecr-public.aws.com}, served from us-east-1.
 *
 * @param host the host name, lower case, without port
 * @param partition the AWS partition, such as {@code aws} or {@code aws-cn}
 * @param region the region, such as {@code eu-west-1}
 * @param registryId the 12-digit account id of a private registry; {@code null} for ECR Public
 * @param fips whether the host is a FIPS endpoint
 * @param dualStack whether the host serves IPv4 and IPv6
 * @param isPublic whether the host is ECR Public
 */
public record RegistryHost(
    String host,
    String partition,
    String region,
    @Nullable String registryId,
    boolean fips,
    boolean dualStack,
    boolean isPublic) {

  private static final Pattern PRIVATE =
      Pattern.compile(
          "^(?<account>[0-9]{12})\\.(?<kind>dkr\\.ecr|dkr\\.ecr-fips|dkr-ecr|dkr-ecr-fips)"
              + "\\.(?<region>[a-z]{2,4}(?:-[a-z]+)+-[0-9]+)\\.(?<suffix>[a-z0-9.-]+)$");

  // Suffix of an IPv4-only host, and the partition it belongs to.
  private static final Map<String, String> SUFFIX_PARTITIONS =
      Map.of(
          "amazonaws.com", "aws",
          "amazonaws.com.cn", "aws-cn",
          "amazonaws.eu", "aws-eusc",
          "c2s.ic.gov", "aws-iso",
          "sc2s.sgov.gov", "aws-iso-b",
          "cloud.adc-e.uk", "aws-iso-e",
          "csp.hci.ic.gov", "aws-iso-f");

  // Suffix of a dual-stack host, and its partition.
  private static final Map<String, String> DUAL_STACK_SUFFIX_PARTITIONS =
      Map.of("on.aws", "aws", "on.amazonwebservices.com.cn", "aws-cn");

  // ECR Public is a global service whose API and tokens live in us-east-1.
  private static final String PUBLIC_REGION = "us-east-1";

  public RegistryHost {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(region, "region");
  }

  /**
   * Parses a registry host, also accepted with a scheme, port or repository path, such as {@code
   * https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0}.
   *
   * @throws IllegalArgumentException when the host is not an ECR registry host
   */
  public static RegistryHost parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    String host = hostOf(reference);

    if (host.equals("public.ecr.aws") || host.equals("ecr-public.aws.com")) {
      return new RegistryHost(
          host, "aws", PUBLIC_REGION, null, false, host.equals("ecr-public.aws.com"), true);
    }

    Matcher matcher = PRIVATE.matcher(host);
    if (!matcher.matches()) {
      throw invalid(reference);
    }
    String kind = matcher.group("kind");
    String region = matcher.group("region");
    String suffix = matcher.group("suffix");
    boolean dualStack = kind.startsWith("dkr-ecr");
    boolean fips = kind.endsWith("-fips");

    String partition =
        dualStack ? DUAL_STACK_SUFFIX_PARTITIONS.get(suffix) : SUFFIX_PARTITIONS.get(suffix);
    if (partition == null) {
      throw invalid(reference);
    }
    if (partition.equals("aws") && region.startsWith("us-gov-")) {
      partition = "aws-us-gov";
    }
    return new RegistryHost(
        host, partition, region, matcher.group("account"), fips, dualStack, false);
  }

  /** Returns the registry host of {@code registryId} in {@code region} of the aws partition. */
  public static RegistryHost of(String registryId, String region) {
    return parse(registryId + ".dkr.ecr." + region + ".amazonaws.com");
  }

  /** Returns the registry id of a private registry. */
  public Optional<String> account() {
    return Optional.ofNullable(registryId);
  }

  private static String hostOf(String reference) {
    String rest = reference.trim().toLowerCase(Locale.ROOT);
    int scheme = rest.indexOf("://");
    if (scheme >= 0) {
      rest = rest.substring(scheme + 3);
    }
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      rest = rest.substring(0, colon);
    }
    return rest;
  }

  private static IllegalArgumentException invalid(String reference) {
    return new IllegalArgumentException(
        "'"
            + reference
            + "' is not an ECR registry host; expected <account>.dkr.ecr.<region>.amazonaws.com"
            + " (or its FIPS, dual-stack or other-partition form), public.ecr.aws or"
            + " ecr-public.aws.com");
  }
}
