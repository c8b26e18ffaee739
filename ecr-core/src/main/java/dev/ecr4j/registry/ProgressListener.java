package dev.ecr4j.registry;

/**
 * Receives the {@link ProgressEvent}s of transfers. Called from the transfer threads, so an
 * implementation must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores every event. */
  ProgressListener NONE = event -> {};

  /** Receives one event. */
  void onEvent(ProgressEvent event);
}
