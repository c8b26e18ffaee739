package dev.ecr4j.core;

import java.util.List;
import java.util.Objects;

/**
 * The result of ECR's own lifecycle policy preview ({@code GetLifecyclePolicyPreview}).
 *
 * @param status {@code IN_PROGRESS}, {@code COMPLETE}, {@code EXPIRED} or {@code FAILED}
 * @param actions the images the policy would act on
 */
public record ServerLifecyclePreview(String status, List<Action> actions) {

  public ServerLifecyclePreview {
    Objects.requireNonNull(status, "status");
    actions = List.copyOf(actions);
  }

  /**
   * One image the policy acts on.
   *
   * @param digest the image digest
   * @param tags the image's tags
   * @param action {@code EXPIRE} or {@code TRANSITION}
   * @param rulePriority the priority of the rule that applies
   */
  public record Action(String digest, List<String> tags, String action, int rulePriority) {
    public Action {
      Objects.requireNonNull(digest, "digest");
      tags = List.copyOf(tags);
      Objects.requireNonNull(action, "action");
    }
  }
}
