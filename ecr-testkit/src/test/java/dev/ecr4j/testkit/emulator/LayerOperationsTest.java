package dev.ecr4j.testkit.emulator;

import static dev.ecr4j.testkit.emulator.RegistryHttp.digest;
import static dev.ecr4j.testkit.emulator.RegistryHttp.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EmptyUploadException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.LayerInaccessibleException;
import software.amazon.awssdk.services.ecr.model.LayerPartTooSmallException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

/**
 * The control plane's layer operations, with the AWS SDK, sharing one store with the registry API.
 */
class LayerOperationsTest {

  private static final int MIB = 1024 * 1024;

  private static EcrEmulator emulator;
  private static EcrClient ecr;
  private static RegistryHttp http;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
    http = new RegistryHttp(emulator, ecr);
    ecr.createRepository(r -> r.repositoryName("layers"));
  }

  @AfterAll
  static void stop() {
    ecr.close();
    emulator.close();
  }

  private static String upload(byte[] content, int partSize) {
    String id = ecr.initiateLayerUpload(r -> r.repositoryName("layers")).uploadId();
    for (int start = 0; start < content.length; start += partSize) {
      int first = start;
      int end = Math.min(content.length, start + partSize);
      ecr.uploadLayerPart(
          r ->
              r.repositoryName("layers")
                  .uploadId(id)
                  .partFirstByte((long) first)
                  .partLastByte((long) end - 1)
                  .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(content, first, end))));
    }
    return id;
  }

  @Test
  void uploadedLayerIsPulledThroughRegistryApi() throws Exception {
    byte[] layer = ExternalTools.randomBytes(12 * MIB, 3);
    byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    String layerId = upload(layer, 5 * MIB);
    String configId = upload(config, MIB);
    String layerDigest =
        ecr.completeLayerUpload(
                r -> r.repositoryName("layers").uploadId(layerId).layerDigests(digest(layer)))
            .layerDigest();
    ecr.completeLayerUpload(
        r -> r.repositoryName("layers").uploadId(configId).layerDigests(digest(config)));
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + digest(config)
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
            + layerDigest
            + "\",\"size\":"
            + layer.length
            + "}]}";
    ecr.putImage(r -> r.repositoryName("layers").imageManifest(manifest).imageTag("sdk"));

    assertThat(layerDigest).isEqualTo(digest(layer));
    assertThat(http.get(repo("layers") + "/manifests/sdk").statusCode()).isEqualTo(200);
    assertThat(http.get(repo("layers") + "/blobs/" + layerDigest).body()).isEqualTo(layer);
    assertThat(
            ecr.batchCheckLayerAvailability(
                    r ->
                        r.repositoryName("layers").layerDigests(layerDigest, digest("none"), "bad"))
                .layers())
        .hasSize(1);
    assertThat(
            ecr.batchCheckLayerAvailability(
                    r -> r.repositoryName("layers").layerDigests(digest("none"), "bad"))
                .failures())
        .extracting(f -> f.failureCode())
        .containsExactly(
            LayerFailureCode.MISSING_LAYER_DIGEST, LayerFailureCode.INVALID_LAYER_DIGEST);

    String url =
        ecr.getDownloadUrlForLayer(r -> r.repositoryName("layers").layerDigest(layerDigest))
            .downloadUrl();
    try (InputStream in = URI.create(url).toURL().openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(layer);
    }
    assertThatThrownBy(
            () ->
                ecr.completeLayerUpload(
                    r ->
                        r.repositoryName("layers")
                            .uploadId(upload(layer, 6 * MIB))
                            .layerDigests(digest(layer))))
        .isInstanceOf(LayerAlreadyExistsException.class);
  }

  @Test
  void layerErrorsFollowEcr() {
    byte[] content = ExternalTools.randomBytes(2 * MIB, 4);
    String small = upload(content, MIB);
    assertThatThrownBy(
            () ->
                ecr.completeLayerUpload(
                    r -> r.repositoryName("layers").uploadId(small).layerDigests(digest(content))))
        .isInstanceOf(LayerPartTooSmallException.class)
        .hasMessageContaining("All layer parts except the last part should be at least 5MB");

    String wrong = upload(content, 2 * MIB);
    assertThatThrownBy(
            () ->
                ecr.completeLayerUpload(
                    r -> r.repositoryName("layers").uploadId(wrong).layerDigests(digest("other"))))
        .isInstanceOf(InvalidLayerException.class);

    String empty = ecr.initiateLayerUpload(r -> r.repositoryName("layers")).uploadId();
    assertThatThrownBy(
            () ->
                ecr.completeLayerUpload(
                    r -> r.repositoryName("layers").uploadId(empty).layerDigests(digest(""))))
        .isInstanceOf(EmptyUploadException.class);
    assertThatThrownBy(
            () ->
                ecr.uploadLayerPart(
                    r ->
                        r.repositoryName("layers")
                            .uploadId(empty)
                            .partFirstByte(10L)
                            .partLastByte(11L)
                            .layerPartBlob(SdkBytes.fromByteArray(new byte[2]))))
        .isInstanceOf(InvalidLayerPartException.class);
    assertThatThrownBy(
            () ->
                ecr.uploadLayerPart(
                    r ->
                        r.repositoryName("layers")
                            .uploadId(empty)
                            .partFirstByte(0L)
                            .partLastByte(5L)
                            .layerPartBlob(SdkBytes.fromByteArray(new byte[2]))))
        .isInstanceOf(InvalidLayerPartException.class);
    assertThatThrownBy(
            () ->
                ecr.completeLayerUpload(
                    r ->
                        r.repositoryName("layers")
                            .uploadId("00000000-0000-0000-0000-000000000000")
                            .layerDigests(digest(""))))
        .isInstanceOf(UploadNotFoundException.class);

    byte[] loose = "uploaded, never listed".getBytes(StandardCharsets.UTF_8);
    String looseId = upload(loose, MIB);
    ecr.completeLayerUpload(
        r -> r.repositoryName("layers").uploadId(looseId).layerDigests(digest(loose)));
    assertThatThrownBy(
            () ->
                ecr.getDownloadUrlForLayer(
                    r -> r.repositoryName("layers").layerDigest(digest(loose))))
        .isInstanceOf(LayerInaccessibleException.class);
    assertThatThrownBy(
            () ->
                ecr.getDownloadUrlForLayer(
                    r -> r.repositoryName("layers").layerDigest(digest("none"))))
        .isInstanceOf(LayersNotFoundException.class);
  }
}
