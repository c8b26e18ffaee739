package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.registry.ScanFrequency;
import dev.ecr4j.policy.registry.ScanType;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.ScanningRepositoryFilter;
import dev.ecr4j.policy.registry.ScanningRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanStatus;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;

/**
 * Operations on image scanning: the registry's scanning configuration as the policy DSL's {@link
 * ScanningConfiguration}, the effective configuration of repositories, manual scans and their
 * findings. Obtained from {@link Ecr4jClient#scanning()}; thread-safe.
 */
public final class Scanning {

  // ECR's maximum number of repository names per BatchGetRepositoryScanningConfiguration call.
  private static final int MAX_NAMES_PER_CALL = 25;
  // ECR's maximum page size for DescribeImageScanFindings.
  private static final int FINDINGS_PAGE_SIZE = 1_000;

  /**
   * The scanning that applies to one repository.
   *
   * @param repository the repository name
   * @param frequency when its images are scanned
   * @param scanOnPush whether images are scanned on push
   * @param appliedFilters the registry rule's filters that match the repository; empty when none
   */
  public record RepositoryScanning(
      String repository, ScanFrequency frequency, boolean scanOnPush, List<String> appliedFilters) {
    public RepositoryScanning {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(frequency, "frequency");
      appliedFilters = List.copyOf(appliedFilters);
    }
  }

  /**
   * The outcome of {@link #repositoryConfigurations(List)}.
   *
   * @param found the configurations of the repositories that exist
   * @param failures ECR's failure code per repository it could not read, such as {@code
   *     REPOSITORY_NOT_FOUND}
   */
  public record RepositoryScanningResult(
      List<RepositoryScanning> found, Map<String, String> failures) {
    public RepositoryScanningResult {
      found = List.copyOf(found);
      failures = Map.copyOf(failures);
    }
  }

  /**
   * The state of an image's scan.
   *
   * @param status ECR's status, such as {@code IN_PROGRESS}, {@code COMPLETE} or {@code FAILED}
   * @param description ECR's description, or null
   */
  public record ScanStatus(String status, @Nullable String description) {
    public ScanStatus {
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * One vulnerability that a scan found.
   *
   * @param name the vulnerability, such as {@code CVE-2024-1234}; for enhanced scanning the
   *     finding's title
   * @param severity ECR's severity, such as {@code HIGH}
   * @param description the description, or null
   * @param uri a link to the vulnerability, or the finding's ARN for enhanced scanning; or null
   * @param enhanced whether Amazon Inspector's enhanced scanning reported it
   */
  public record Finding(
      String name,
      String severity,
      @Nullable String description,
      @Nullable String uri,
      boolean enhanced) {
    public Finding {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(severity, "severity");
    }
  }

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;

  Scanning(EcrClient ecr, EcrCalls calls, @Nullable String registryId) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
  }

  /** Returns the registry's scanning configuration; ECR's default is basic without rules. */
  public ScanningConfiguration registryConfiguration() {
    GetRegistryScanningConfigurationResponse response =
        calls.call(
            "GetRegistryScanningConfiguration",
            override ->
                ecr.getRegistryScanningConfiguration(
                    request -> request.overrideConfiguration(override)));
    return fromSdk(response.scanningConfiguration());
  }

  /**
   * Validates {@code configuration} locally, then replaces the registry's scanning configuration
   * with it. The request always carries the rules, so an empty list removes every rule.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the configuration is invalid; nothing is
   *     sent
   */
  public void putRegistryConfiguration(ScanningConfiguration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    configuration.validate();
    List<RegistryScanningRule> rules = new ArrayList<>();
    for (ScanningRule rule : configuration.rules()) {
      rules.add(
          RegistryScanningRule.builder()
              .scanFrequency(rule.scanFrequency().name())
              .repositoryFilters(
                  rule.repositoryFilters().stream()
                      .map(
                          filter ->
                              software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter
                                  .builder()
                                  .filter(filter.filter())
                                  .filterType(ScanningRepositoryFilter.FILTER_TYPE)
                                  .build())
                      .toList())
              .build());
    }
    calls.call(
        "PutRegistryScanningConfiguration",
        override ->
            ecr.putRegistryScanningConfiguration(
                request ->
                    request
                        .scanType(configuration.scanType().name())
                        .rules(rules)
                        .overrideConfiguration(override)));
  }

  /**
   * Returns the scanning that applies to each of {@code repositories}, in batches of 25 names.
   * Missing repositories are reported in {@link RepositoryScanningResult#failures()}.
   */
  public RepositoryScanningResult repositoryConfigurations(List<String> repositories) {
    Objects.requireNonNull(repositories, "repositories");
    List<RepositoryScanning> found = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (int start = 0; start < repositories.size(); start += MAX_NAMES_PER_CALL) {
      List<String> chunk =
          List.copyOf(
              repositories.subList(
                  start, Math.min(repositories.size(), start + MAX_NAMES_PER_CALL)));
      BatchGetRepositoryScanningConfigurationResponse response =
          calls.call(
              "BatchGetRepositoryScanningConfiguration",
              override ->
                  ecr.batchGetRepositoryScanningConfiguration(
                      request -> request.repositoryNames(chunk).overrideConfiguration(override)));
      for (RepositoryScanningConfiguration configuration : response.scanningConfigurations()) {
        found.add(toRepositoryScanning(configuration));
      }
      response
          .failures()
          .forEach(
              failure ->
                  failures.put(
                      failure.repositoryName(), String.valueOf(failure.failureCodeAsString())));
    }
    return new RepositoryScanningResult(found, failures);
  }

  /**
   * Starts a basic scan of one image. ECR allows one scan per image per 24 hours.
   *
   * @throws NotFoundException when the repository or image does not exist
   * @throws Ecr4jServiceException with code {@code LimitExceededException} when the image was
   *     scanned in the last 24 hours
   */
  public ScanStatus start(String repository, ImageId image) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(image, "image");
    StartImageScanResponse response =
        calls.call(
            "StartImageScan",
            override ->
                ecr.startImageScan(
                    request ->
                        request
                            .registryId(registryId)
                            .repositoryName(repository)
                            .imageId(Images.toIdentifier(image))
                            .overrideConfiguration(override)));
    return toStatus(response.imageScanStatus());
  }

  /**
   * Returns the findings of the image's latest scan, basic and enhanced; pages of up to 1,000 are
   * fetched as the stream is read. The stream is empty while the scan is in progress.
   *
   * @throws NotFoundException when the repository or image does not exist, or the image was never
   *     scanned ({@code ScanNotFoundException})
   */
  public Stream<Finding> findings(String repository, ImageId image) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(image, "image");
    return Pages.stream(
        token -> {
          DescribeImageScanFindingsResponse response =
              calls.call(
                  "DescribeImageScanFindings",
                  override ->
                      ecr.describeImageScanFindings(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .imageId(Images.toIdentifier(image))
                                  .maxResults(FINDINGS_PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<Finding> findings = new ArrayList<>();
          if (response.imageScanFindings() != null) {
            response.imageScanFindings().findings().forEach(f -> findings.add(toFinding(f)));
            response
                .imageScanFindings()
                .enhancedFindings()
                .forEach(f -> findings.add(toFinding(f)));
          }
          return new Pages.Page<>(findings, response.nextToken());
        });
  }

  static ScanningConfiguration fromSdk(@Nullable RegistryScanningConfiguration configuration) {
    if (configuration == null) {
      return ScanningConfiguration.basic();
    }
    ScanType scanType =
        "ENHANCED".equals(configuration.scanTypeAsString()) ? ScanType.ENHANCED : ScanType.BASIC;
    List<ScanningRule> rules = new ArrayList<>();
    for (RegistryScanningRule rule : configuration.rules()) {
      List<ScanningRepositoryFilter> filters = new ArrayList<>();
      rule.repositoryFilters()
          .forEach(filter -> filters.add(new ScanningRepositoryFilter(filter.filter())));
      rules.add(new ScanningRule(frequency(rule.scanFrequencyAsString()), filters));
    }
    return ScanningConfiguration.of(scanType, rules);
  }

  private static RepositoryScanning toRepositoryScanning(RepositoryScanningConfiguration sdk) {
    List<String> filters = new ArrayList<>();
    sdk.appliedScanFilters().forEach(filter -> filters.add(filter.filter()));
    return new RepositoryScanning(
        sdk.repositoryName(),
        frequency(sdk.scanFrequencyAsString()),
        Boolean.TRUE.equals(sdk.scanOnPush()),
        filters);
  }

  private static ScanFrequency frequency(@Nullable String text) {
    if (text == null) {
      return ScanFrequency.MANUAL;
    }
    try {
      return ScanFrequency.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Ecr4jException(
          "ECR returned the scan frequency '"
              + text
              + "', which this version of ecr4j does not know; upgrade ecr4j",
          e);
    }
  }

  private static ScanStatus toStatus(@Nullable ImageScanStatus status) {
    if (status == null) {
      return new ScanStatus("UNKNOWN", null);
    }
    return new ScanStatus(String.valueOf(status.statusAsString()), status.description());
  }

  private static Finding toFinding(ImageScanFinding finding) {
    return new Finding(
        String.valueOf(finding.name()),
        String.valueOf(finding.severityAsString()),
        finding.description(),
        finding.uri(),
        false);
  }

  private static Finding toFinding(EnhancedImageScanFinding finding) {
    String name = finding.title() != null ? finding.title() : String.valueOf(finding.findingArn());
    return new Finding(
        name,
        String.valueOf(finding.severity()),
        finding.description(),
        finding.findingArn(),
        true);
  }
}
