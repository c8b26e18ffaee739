package dev.ecr4j.core;

import java.util.Objects;

/**
 * An image that a batch call could not handle, with ECR's failure code and reason.
 *
 * @param id the image as requested
 * @param code ECR's failure code, such as {@code ImageNotFound}
 * @param reason ECR's text
 */
public record ImageFailure(ImageId id, String code, String reason) {

  public ImageFailure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
