package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.DescribeImagesJson;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.io.PrintWriter;

/** Renders {@code lifecycle preview --output json}. */
final class PreviewJson {

  private PreviewJson() {}

  /**
   * Prints ECR's {@code GetLifecyclePolicyPreview} response for {@code preview}, with {@code
   * registryId} and {@code repositoryName} first, as ECR orders them, when the listing carries
   * them.
   */
  static void print(LifecyclePreview preview, DescribeImagesJson.Result listing, PrintWriter out) {
    preview.writeJson(out, listing.registryId(), listing.repositoryName());
    out.println();
  }
}
