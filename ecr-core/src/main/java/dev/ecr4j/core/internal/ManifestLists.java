package dev.ecr4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the child digests of a Docker manifest list or an OCI image index. */
public final class ManifestLists {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ManifestLists() {}

  /**
   * Returns the digests in the list's {@code manifests} array, in order.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static List<String> childDigests(String manifest) {
    JsonNode root;
    try {
      root = MAPPER.readTree(manifest);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "The manifest list is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<String> digests = new ArrayList<>();
    for (JsonNode child : root.path("manifests")) {
      String digest = child.path("digest").asString("");
      if (!digest.isEmpty()) {
        digests.add(digest);
      }
    }
    return digests;
  }
}
