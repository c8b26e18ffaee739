package dev.ecr4j.core.internal;

import dev.ecr4j.core.retry.ResilienceEvent;
import dev.ecr4j.core.retry.ResilienceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the user's listener, so that a failing listener never fails a call. */
public final class Events {

  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final ResilienceListener listener;

  public Events(ResilienceListener listener) {
    this.listener = listener;
  }

  /** Sends {@code event} to the listener, logging and ignoring what it throws. */
  public void publish(ResilienceEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("ResilienceListener threw on {}; the event is dropped", event, e);
    }
  }
}
