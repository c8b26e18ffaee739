package dev.ecr4j.testkit.emulator.internal;

import tools.jackson.databind.node.ObjectNode;

/** One operation of a control plane: turns a validated call into the response body. */
@FunctionalInterface
interface Operation {

  /**
   * Performs the call.
   *
   * @throws AwsError when the call fails as ECR would fail it
   */
  ObjectNode handle(Call call);
}
