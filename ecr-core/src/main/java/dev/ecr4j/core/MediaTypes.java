package dev.ecr4j.core;

/** Manifest media types that ECR stores. */
final class MediaTypes {

  static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  private MediaTypes() {}

  static boolean isManifestList(String mediaType) {
    return mediaType.equals(DOCKER_MANIFEST_LIST) || mediaType.equals(OCI_INDEX);
  }
}
