package dev.ecr4j.cli;

import dev.ecr4j.registry.ProgressEvent;
import dev.ecr4j.registry.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints transfer progress: on a terminal, one bar redrawn in place; otherwise one plain line per
 * finished blob or manifest, which suits logs and CI.
 */
final class ProgressPrinter implements ProgressListener {

  private static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final String verb;
  private final Map<String, long[]> blobs = new ConcurrentHashMap<>();

  ProgressPrinter(PrintWriter out, boolean terminal, String verb) {
    this.out = out;
    this.terminal = terminal;
    this.verb = verb;
  }

  @Override
  public synchronized void onEvent(ProgressEvent event) {
    String digest = event.digest().toString();
    switch (event.kind()) {
      case STARTED:
        blobs.put(digest, new long[] {0, event.size()});
        break;
      case PROGRESS:
        blobs.computeIfAbsent(digest, key -> new long[] {0, event.size()})[0] = event.bytes();
        break;
      case COMPLETED:
        blobs.put(digest, new long[] {event.size(), event.size()});
        line(shortDigest(digest) + ": " + verb + " " + size(event.size()));
        break;
      case EXISTS:
        line(shortDigest(digest) + ": already present");
        break;
      case MOUNTED:
        line(shortDigest(digest) + ": mounted from " + event.detail());
        break;
      case RETRYING:
        line(shortDigest(digest) + ": retrying after " + event.detail());
        break;
      case MANIFEST:
        line("manifest " + digest + (event.detail().isEmpty() ? "" : " tagged " + event.detail()));
        break;
      default:
        break;
    }
    if (terminal) {
      drawBar();
    }
  }

  /**
   * Ends the bar's line, so the next output starts on a fresh line, and clears the finished
   * transfer's blobs, so the next transfer's bar counts only its own.
   */
  synchronized void finish() {
    blobs.clear();
    if (terminal) {
      out.print("\r\033[K");
      out.flush();
    }
  }

  private void line(String text) {
    if (terminal) {
      out.print("\r\033[K");
    }
    out.println(text);
    out.flush();
  }

  private void drawBar() {
    long done = 0;
    long total = 0;
    for (long[] blob : blobs.values()) {
      done += blob[0];
      total += blob[1];
    }
    int filled = total == 0 ? 0 : (int) (BAR_WIDTH * done / total);
    out.print(
        "\r\033[K["
            + "#".repeat(filled)
            + ".".repeat(BAR_WIDTH - filled)
            + "] "
            + size(done)
            + " / "
            + size(total));
    out.flush();
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.substring(0, Math.min(digest.length(), colon + 13));
  }
}
