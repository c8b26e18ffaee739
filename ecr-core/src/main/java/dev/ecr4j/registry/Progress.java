package dev.ecr4j.registry;

import dev.ecr4j.oci.Digest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes of one blob transfer and sends {@link ProgressEvent.Kind#PROGRESS} events at
 * most every 100 ms, the rate a progress bar needs.
 */
final class Progress {

  private static final long INTERVAL_NANOS = 100_000_000L;

  private final ProgressListener listener;
  private final Digest digest;
  private final long size;
  private final AtomicLong bytes = new AtomicLong();
  private volatile long lastEventNanos = System.nanoTime();

  Progress(ProgressListener listener, Digest digest, long size) {
    this.listener = listener;
    this.digest = digest;
    this.size = size;
  }

  void add(long count) {
    long total = bytes.addAndGet(count);
    long now = System.nanoTime();
    if (now - lastEventNanos >= INTERVAL_NANOS) {
      lastEventNanos = now;
      listener.onEvent(new ProgressEvent(ProgressEvent.Kind.PROGRESS, digest, total, size, ""));
    }
  }

  /** Starts counting again at 0, after a failed attempt. */
  void reset(long to) {
    bytes.set(to);
  }

  long bytes() {
    return bytes.get();
  }
}
