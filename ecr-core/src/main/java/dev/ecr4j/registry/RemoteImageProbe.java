package dev.ecr4j.registry;

import dev.ecr4j.oci.MediaTypes;
import okhttp3.Request;
import okhttp3.Response;

/** Checks whether a manifest exists, with {@code HEAD}. */
final class RemoteImageProbe {

  private RemoteImageProbe() {}

  static boolean exists(RegistryHttp http, ImageReference reference) {
    RegistryHttp.Scope scope =
        new RegistryHttp.Scope(reference.registry(), reference.repository(), false);
    Request head =
        new Request.Builder()
            .url(
                http.url(
                    reference.registry(),
                    "/v2/"
                        + reference.repository()
                        + "/manifests/"
                        + reference.manifestReference()))
            .header("Accept", MediaTypes.MANIFEST_ACCEPT)
            .head()
            .build();
    try (Response response = http.execute(head, scope)) {
      if (response.code() == 200) {
        return true;
      }
      if (response.code() == 404) {
        return false;
      }
      throw http.failure(response, "Checking " + reference);
    }
  }
}
