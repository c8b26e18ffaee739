package dev.ecr4j.testkit.emulator.internal;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A finished lifecycle policy preview: the policy it evaluated, one {@code previewResults} entry
 * per image acted on, in page order, and the {@code summary}.
 */
record LifecyclePreviewResult(String policyText, List<ObjectNode> results, ObjectNode summary) {

  LifecyclePreviewResult {
    results = List.copyOf(results);
  }
}
