package dev.ecr4j.registry;

/**
 * Thrown when a push would move an immutable tag to another image, which ECR rejects with 400
 * {@code TAG_INVALID}. Pushing the image that the tag already points to succeeds instead. Never
 * retried.
 */
public final class TagImmutableException extends RegistryException {
  private static final long serialVersionUID = 1L;

  TagImmutableException(String message, int statusCode, String errorCode) {
    super(message, statusCode, errorCode, null);
  }
}
