package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.DescribeImagesJson;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders {@code lifecycle preview --output json}. */
final class PreviewJson {

  private PreviewJson() {}

  /**
   * Prints ECR's {@code GetLifecyclePolicyPreview} response for {@code preview}, with {@code
   * registryId} and {@code repositoryName} first, as ECR orders them, when the listing carries
   * them.
   */
  static void print(LifecyclePreview preview, DescribeImagesJson.Result listing, PrintWriter out) {
    String json = preview.toJson();
    String registryId = listing.registryId();
    String repositoryName = listing.repositoryName();
    if (registryId == null && repositoryName == null) {
      out.println(json);
      return;
    }

    // Copy the response token by token after the two new properties. A tree would hold a second
    // copy of a response that lists up to every image of the repository.
    JsonMapper mapper = JsonMapper.shared();
    try (JsonParser parser = mapper.createParser(json);
        JsonGenerator generator =
            mapper
                .writerWithDefaultPrettyPrinter()
                .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .createGenerator(out)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new IllegalStateException("the preview JSON is not an object but " + first);
      }
      generator.writeStartObject();
      if (registryId != null) {
        generator.writeStringProperty("registryId", registryId);
      }
      if (repositoryName != null) {
        generator.writeStringProperty("repositoryName", repositoryName);
      }
      while (parser.nextToken() != null) {
        generator.copyCurrentEvent(parser);
      }
    }
    out.println();
  }
}
