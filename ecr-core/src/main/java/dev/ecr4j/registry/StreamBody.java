package dev.ecr4j.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body that copies exactly {@code length} bytes from a stream, reporting each chunk to a
 * progress counter. It is one-shot: OkHttp never sends it twice, because the stream cannot rewind;
 * a failed upload restarts its session with a newly opened stream.
 */
final class StreamBody extends RequestBody {

  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  // Large enough to keep syscalls few, small enough that parallel uploads stay far from any heap
  // limit.
  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final long length;
  private final LongConsumer progress;

  StreamBody(InputStream in, long length, LongConsumer progress) {
    this.in = in;
    this.length = length;
    this.progress = progress;
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long remaining = length;
    while (remaining > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (read < 0) {
        throw new IOException(
            "The blob ended " + remaining + " bytes before the length its descriptor states");
      }
      sink.write(buffer, 0, read);
      remaining -= read;
      progress.accept(read);
    }
  }
}
