package dev.ecr4j.testkit.emulator.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control plane's layer operations: InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload,
 * BatchCheckLayerAvailability and GetDownloadUrlForLayer. They use the blob store and upload
 * sessions of the registry API, so a layer uploaded here can be pulled through {@code /v2/}.
 */
final class LayerOperations {

  /** The part size InitiateLayerUpload returns: ECR's maximum part of 10 MiB. */
  private static final long PART_SIZE = 10L * 1024 * 1024;

  private LayerOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "InitiateLayerUpload",
            "UploadLayerPart",
            "CompleteLayerUpload",
            "BatchCheckLayerAvailability",
            "GetDownloadUrlForLayer")) {
      operations.put(name, LayerOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "InitiateLayerUpload" -> initiateLayerUpload(call);
      case "UploadLayerPart" -> uploadLayerPart(call);
      case "CompleteLayerUpload" -> completeLayerUpload(call);
      case "BatchCheckLayerAvailability" -> batchCheckLayerAvailability(call);
      case "GetDownloadUrlForLayer" -> getDownloadUrlForLayer(call);
      default ->
          throw new IllegalStateException("LayerOperations has no operation " + call.operation());
    };
  }

  private static ObjectNode initiateLayerUpload(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    BlobStore.Upload upload =
        call.state().blobs().start(registry.registryId(), registry.region(), repository.name());
    ObjectNode response = Json.object();
    response.put("uploadId", upload.id());
    response.put("partSize", PART_SIZE);
    return response;
  }

  private static BlobStore.Upload upload(
      Call call, RegistryState registry, RepositoryState repository) {
    String id = call.text("uploadId");
    return call.state()
        .blobs()
        .upload(id)
        .filter(u -> u.belongsTo(registry.registryId(), registry.region(), repository.name()))
        .orElseThrow(
            () ->
                AwsError.of(
                    "UploadNotFoundException",
                    "The upload with id '"
                        + id
                        + "' does not exist in the repository with name '"
                        + repository.name()
                        + "' in the registry with id '"
                        + registry.registryId()
                        + "'"));
  }

  private static ObjectNode uploadLayerPart(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    BlobStore.Upload upload = upload(call, registry, repository);
    long first = call.input().path("partFirstByte").asLong(-1);
    long last = call.input().path("partLastByte").asLong(-1);
    byte[] part;
    try {
      part = Base64.getDecoder().decode(call.text("layerPartBlob"));
    } catch (IllegalArgumentException e) {
      throw AwsError.serialization("layerPartBlob is not valid base64: " + e.getMessage());
    }

    if (first != upload.size()) {
      throw AwsError.of(
          "InvalidLayerPartException",
          "The part starts at byte "
              + first
              + ", but the upload has "
              + upload.size()
              + " bytes; the next part must start at byte "
              + upload.size()
              + ".");
    }
    if (part.length == 0 || last - first + 1 != part.length) {
      throw AwsError.of(
          "InvalidLayerPartException",
          "The part covers bytes "
              + first
              + " to "
              + last
              + ", but layerPartBlob has "
              + part.length
              + " bytes; partLastByte must be partFirstByte + size - 1.");
    }

    try {
      upload.append(part);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.put("uploadId", upload.id());
    response.put("lastByteReceived", upload.size() - 1);
    return response;
  }

  private static ObjectNode completeLayerUpload(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    BlobStore.Upload upload = upload(call, registry, repository);
    List<String> digests = Json.strings(call.input(), "layerDigests");
    if (upload.size() == 0) {
      throw AwsError.of(
          "EmptyUploadException",
          "The upload with id '" + upload.id() + "' has no parts; upload at least one part.");
    }
    if (upload.hasSmallPart()) {
      throw AwsError.of(
          "LayerPartTooSmallException",
          "All layer parts except the last part should be at least 5MB");
    }

    String actual = upload.digest();
    if (digests.size() != 1 || !digests.get(0).equals(actual)) {
      throw AwsError.of(
          "InvalidLayerException",
          "The layer digest calculated for the upload, "
              + actual
              + ", does not match the digest provided: "
              + digests);
    }
    if (repository.blobs().contains(actual)) {
      call.state().blobs().cancel(upload.id());
      throw AwsError.of(
          "LayerAlreadyExistsException",
          "The layer with digest '"
              + actual
              + "' already exists in the repository with name '"
              + repository.name()
              + "' in the registry with id '"
              + registry.registryId()
              + "'");
    }

    call.state().blobs().commit(upload, actual);
    repository.blobs().add(actual);
    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.put("uploadId", upload.id());
    response.put("layerDigest", actual);
    return response;
  }

  private static ObjectNode batchCheckLayerAvailability(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    ObjectNode response = Json.object();
    ArrayNode layers = response.putArray("layers");
    ArrayNode failures = response.putArray("failures");
    for (String digest : Json.strings(call.input(), "layerDigests")) {
      if (!BlobStore.SHA256_DIGEST.matcher(digest).matches()) {
        ObjectNode failure = failures.addObject();
        failure.put("layerDigest", digest);
        failure.put("failureCode", "InvalidLayerDigest");
        failure.put("failureReason", "Invalid layer digest");
        continue;
      }
      long size = call.state().blobs().size(digest);
      if (!repository.blobs().contains(digest) || size < 0) {
        ObjectNode failure = failures.addObject();
        failure.put("layerDigest", digest);
        failure.put("failureCode", "MissingLayerDigest");
        failure.put("failureReason", "Could not find layer");
        continue;
      }
      ObjectNode layer = layers.addObject();
      layer.put("layerDigest", digest);
      layer.put("layerAvailability", archivedOnly(repository, digest) ? "ARCHIVED" : "AVAILABLE");
      layer.put("layerSize", size);
    }
    return response;
  }

  /** Returns true when every image that lists the blob is archived, and at least one does. */
  private static boolean archivedOnly(RepositoryState repository, String digest) {
    boolean listed = false;
    for (ImageRecord image : repository.images()) {
      if (image.blobDigests().contains(digest)) {
        if (!image.archived()) {
          return false;
        }
        listed = true;
      }
    }
    return listed;
  }

  /**
   * Returns a URL on the emulator that serves the layer without credentials, as ECR's pre-signed S3
   * URLs do. It is valid until the emulator stops.
   */
  private static ObjectNode getDownloadUrlForLayer(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String digest = call.text("layerDigest");
    if (!repository.blobs().contains(digest) || call.state().blobs().find(digest).isEmpty()) {
      throw AwsError.of(
          "LayersNotFoundException",
          "The layer with digest '"
              + digest
              + "' does not exist in the repository with name '"
              + repository.name()
              + "' in the registry with id '"
              + registry.registryId()
              + "'");
    }
    boolean referenced = false;
    for (ImageRecord image : repository.images()) {
      referenced |= image.blobDigests().contains(digest);
    }
    if (!referenced) {
      throw AwsError.of(
          "LayerInaccessibleException",
          "The layer with digest '"
              + digest
              + "' is not associated with an image; push a manifest that lists it first.");
    }
    ObjectNode response = Json.object();
    response.put(
        "downloadUrl",
        "http://"
            + call.state().registryHost()
            + AdminApi.PREFIX
            + "layers/"
            + digest
            + "?signature="
            + call.state().signLayer(digest));
    response.put("layerDigest", digest);
    return response;
  }
}
