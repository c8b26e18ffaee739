package dev.ecr4j.core.retry;

/**
 * Receives every {@link ResilienceEvent} of a client. Implementations must be thread-safe and fast,
 * because they run on the calling thread; an exception they throw is logged and ignored.
 */
@FunctionalInterface
public interface ResilienceListener {

  /** A listener that ignores every event. */
  ResilienceListener NONE = event -> {};

  /** Handles one event. */
  void onEvent(ResilienceEvent event);
}
