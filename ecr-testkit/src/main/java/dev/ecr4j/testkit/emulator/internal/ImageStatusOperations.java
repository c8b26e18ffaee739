package dev.ecr4j.testkit.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status of one image: basic scans and their findings, and replication status.
 *
 * <p>A basic scan completes as soon as it starts and finds nothing: StartImageScan returns {@code
 * IN_PROGRESS} as ECR does, and DescribeImageScanFindings then returns {@code COMPLETE} with an
 * empty findings list. Like ECR, the emulator allows one scan per image per 24 hours, measured on
 * its clock.
 *
 * <p>NOTE: the texts of LimitExceededException and ScanNotFoundException are moto 5.2.1's, and the
 * texts for archived images and image indexes are ecr4j's; none is observed from ECR.
 */
final class ImageStatusOperations {

  /** ECR's quota: one scan per image per 24 hours. */
  static final Duration SCAN_INTERVAL = Duration.ofHours(24);

  private ImageStatusOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of("StartImageScan", "DescribeImageScanFindings", "DescribeImageReplicationStatus")) {
      operations.put(name, ImageStatusOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "StartImageScan" -> startImageScan(call);
      case "DescribeImageScanFindings" -> describeImageScanFindings(call);
      case "DescribeImageReplicationStatus" -> describeImageReplicationStatus(call);
      default ->
          throw new IllegalStateException(
              "ImageStatusOperations has no operation " + call.operation());
    };
  }

  private static ObjectNode startImageScan(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    JsonNode id = call.input().path("imageId");
    ImageRecord image = image(registry, repository, id);

    if (image.archived()) {
      throw AwsError.of(
          "ImageArchivedException",
          "The image with imageId "
              + ImageOperations.imageIdText(id)
              + " is archived and cannot be scanned. Restore it with UpdateImageStorageClass"
              + " first.");
    }
    if (!image.childDigests().isEmpty()) {
      throw AwsError.of(
          "UnsupportedImageTypeException",
          "The image with imageId "
              + ImageOperations.imageIdText(id)
              + " is an image index, which basic scanning does not support. Scan the images it"
              + " lists instead.");
    }
    Instant lastScan = image.scanCompletedAt();
    if (lastScan != null && call.now().isBefore(lastScan.plus(SCAN_INTERVAL))) {
      throw AwsError.of(
          "LimitExceededException",
          "The scan quota per image has been exceeded. Wait and try again.");
    }
    image.recordScan(call.now());

    ObjectNode response = identify(registry, repository, image, id);
    ObjectNode status = response.putObject("imageScanStatus");
    status.put("status", "IN_PROGRESS");
    return response;
  }

  private static ObjectNode describeImageScanFindings(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    JsonNode id = call.input().path("imageId");
    ImageRecord image = image(registry, repository, id);
    Instant scannedAt = image.scanCompletedAt();
    if (scannedAt == null) {
      throw AwsError.of(
          "ScanNotFoundException",
          "Image scan does not exist for the image with '"
              + ImageOperations.imageIdText(id)
              + "' in the repository with name '"
              + repository.name()
              + "' in the registry with id '"
              + registry.registryId()
              + "'");
    }
    // The findings list is always empty, but a bad nextToken is still rejected.
    Page<String> page = Page.of(List.of(), finding -> finding, call.input(), 100, call.operation());

    ObjectNode response = identify(registry, repository, image, id);
    response.set("imageScanStatus", completeScanStatus());
    ObjectNode findings = findingsSummary(scannedAt);
    findings.putArray("findings");
    response.set("imageScanFindings", findings);
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  /**
   * Reports the outcome of each copy made when the image was pushed: {@code COMPLETE}, or {@code
   * FAILED} with the reason. Copies finish before the push returns, so nothing is ever {@code
   * IN_PROGRESS}. An image pushed before the replication configuration has no statuses.
   */
  private static ObjectNode describeImageReplicationStatus(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    JsonNode id = call.input().path("imageId");
    ImageRecord image = image(registry, repository, id);

    ObjectNode response = Json.object();
    response.put("repositoryName", repository.name());
    response.set("imageId", imageId(image, id));
    ArrayNode statuses = response.putArray("replicationStatuses");
    for (ImageRecord.ReplicationStatus replication : image.replicationStatuses().values()) {
      ObjectNode status = statuses.addObject();
      status.put("region", replication.region());
      status.put("registryId", replication.registryId());
      status.put("status", replication.status());
      if (replication.failureCode() != null) {
        status.put("failureCode", replication.failureCode());
      }
    }
    return response;
  }

  /** Returns {@code ImageScanStatus} for a completed scan. */
  static ObjectNode completeScanStatus() {
    ObjectNode status = Json.object();
    status.put("status", "COMPLETE");
    status.put("description", "The scan was completed successfully.");
    return status;
  }

  /**
   * Returns {@code ImageScanFindingsSummary} for a scan that completed at {@code scannedAt} with no
   * findings. The vulnerability database counts as updated when the scan ran.
   */
  static ObjectNode findingsSummary(Instant scannedAt) {
    ObjectNode summary = Json.object();
    Json.putTime(summary, "imageScanCompletedAt", scannedAt);
    Json.putTime(summary, "vulnerabilitySourceUpdatedAt", scannedAt);
    summary.putObject("findingSeverityCounts");
    return summary;
  }

  private static ImageRecord image(
      RegistryState registry, RepositoryState repository, JsonNode id) {
    ImageRecord image = ImageOperations.resolve(repository, id).image();
    if (image == null) {
      throw ImageOperations.imageNotFound(registry, repository, id);
    }
    return image;
  }

  private static ObjectNode identify(
      RegistryState registry, RepositoryState repository, ImageRecord image, JsonNode id) {
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.put("repositoryName", repository.name());
    response.set("imageId", imageId(image, id));
    return response;
  }

  /** Returns the image's digest, with the tag the request named, if any. */
  private static ObjectNode imageId(ImageRecord image, JsonNode requested) {
    ObjectNode id = Json.object();
    id.put("imageDigest", image.digest());
    String tag = Json.text(requested, "imageTag");
    if (tag != null) {
      id.put("imageTag", tag);
    }
    return id;
  }
}
