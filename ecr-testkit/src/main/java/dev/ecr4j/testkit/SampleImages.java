package dev.ecr4j.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;

/**
 * Puts small, valid OCI images into a repository through the ECR API, as test data: a config blob
 * and one layer, both with their real SHA-256 digests, and a manifest that references them. The
 * same seed gives the same image (and digest), and different seeds give different images.
 *
 * <p>Blobs are uploaded with the control plane's layer operations (InitiateLayerUpload,
 * UploadLayerPart, CompleteLayerUpload) before PutImage, as ECR requires. A backend that does not
 * implement those operations gets the manifest alone.
 *
 * <pre>{@code
 * String digest = SampleImages.put(ecr, "app", 1, "1.0", "latest");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SampleImages {

  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
  private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";

  /**
   * Error codes of a backend that lacks the layer operations; the manifest is put without them. The
   * embedded emulator returns UnsupportedOperationException until it serves the registry API.
   */
  private static final Set<String> LAYER_API_MISSING =
      Set.of("UnsupportedOperationException", "UnknownOperationException", "NotImplemented");

  /** LocalStack returns HTTP 501 Not Implemented for an operation it does not implement. */
  private static final int NOT_IMPLEMENTED = 501;

  private SampleImages() {}

  /**
   * Puts the image of {@code seed} into {@code repositoryName} with each of {@code tags}, or
   * untagged when there are none.
   *
   * @return the image digest, {@code sha256:...}
   * @throws EcrException when the backend rejects the image, for example because a tag is immutable
   */
  public static String put(EcrClient client, String repositoryName, int seed, String... tags) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(repositoryName, "repositoryName");
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"seed\":\""
                + seed
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("ecr4j sample layer " + seed + "\n").getBytes(StandardCharsets.UTF_8);
    String configDigest = digest(config);
    String layerDigest = digest(layer);

    uploadBlobs(client, repositoryName, List.of(config, layer));

    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MANIFEST_TYPE
            + "\",\"config\":{\"mediaType\":\""
            + CONFIG_TYPE
            + "\",\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\""
            + LAYER_TYPE
            + "\",\"digest\":\""
            + layerDigest
            + "\",\"size\":"
            + layer.length
            + "}]}";
    if (tags.length == 0) {
      client.putImage(
          request ->
              request
                  .repositoryName(repositoryName)
                  .imageManifest(manifest)
                  .imageManifestMediaType(MANIFEST_TYPE));
    }
    for (String tag : tags) {
      client.putImage(
          request ->
              request
                  .repositoryName(repositoryName)
                  .imageManifest(manifest)
                  .imageManifestMediaType(MANIFEST_TYPE)
                  .imageTag(tag));
    }
    return digest(manifest.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the digest of {@code content}: {@code sha256:} and 64 hexadecimal digits. */
  public static String digest(byte[] content) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return "sha256:" + HexFormat.of().formatHex(sha256.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256.", e);
    }
  }

  private static void uploadBlobs(EcrClient client, String repositoryName, List<byte[]> blobs) {
    for (byte[] blob : blobs) {
      String blobDigest = digest(blob);
      try {
        InitiateLayerUploadResponse upload =
            client.initiateLayerUpload(request -> request.repositoryName(repositoryName));
        client.uploadLayerPart(
            request ->
                request
                    .repositoryName(repositoryName)
                    .uploadId(upload.uploadId())
                    .partFirstByte(0L)
                    .partLastByte((long) blob.length - 1)
                    .layerPartBlob(SdkBytes.fromByteArray(blob)));
        client.completeLayerUpload(
            request ->
                request
                    .repositoryName(repositoryName)
                    .uploadId(upload.uploadId())
                    .layerDigests(blobDigest));
      } catch (LayerAlreadyExistsException e) {
        // An earlier image uploaded the same blob.
      } catch (EcrException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if (e.statusCode() != NOT_IMPLEMENTED && !LAYER_API_MISSING.contains(code)) {
          throw e;
        }
        return;
      }
    }
  }
}
