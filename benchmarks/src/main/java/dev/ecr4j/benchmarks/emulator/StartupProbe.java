package dev.ecr4j.benchmarks.emulator;

import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Measures one cold start of the emulator in a fresh JVM: the time from calling {@link
 * EcrEmulator#start()} until the response to the first request has been read.
 *
 * <p>The request is a DescribeRepositories call that {@link EmulatorBenchmark} signed in its own
 * JVM, so this JVM loads no SDK or crypto classes before the emulator does. It is sent over a plain
 * socket for the same reason.
 *
 * <p>It then starts a second emulator on the same port in the same JVM and measures it the same
 * way, which is what every emulator after the first in a test run costs.
 *
 * <p>Arguments: the port, then the signed headers as {@code name:value}. Prints one line: {@code
 * start_ms=<start() time> first_response_ms=<start() plus the first request> status=<HTTP status>
 * warm_first_response_ms=<the same for the second emulator> warm_status=<its HTTP status>}.
 */
public final class StartupProbe {

  private static final String BODY = "{}";

  private StartupProbe() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    StringBuilder request = new StringBuilder();
    request.append("POST / HTTP/1.1\r\n");
    for (int i = 1; i < args.length; i++) {
      request.append(args[i]).append("\r\n");
    }
    request.append("Content-Length: ").append(BODY.length()).append("\r\n\r\n").append(BODY);
    byte[] bytes = request.toString().getBytes(StandardCharsets.UTF_8);

    long begin = System.nanoTime();
    long started;
    long answered;
    int status;
    try (EcrEmulator emulator = EcrEmulator.builder().port(port).start()) {
      started = System.nanoTime();
      status = send(port, bytes);
      answered = System.nanoTime();
    }

    // A second emulator in the same JVM, as the second test class of a suite starts it.
    long warmBegin = System.nanoTime();
    long warmAnswered;
    int warmStatus;
    try (EcrEmulator emulator = EcrEmulator.builder().port(port).start()) {
      warmStatus = send(port, bytes);
      warmAnswered = System.nanoTime();
    }
    System.out.printf(
        Locale.ROOT,
        "start_ms=%.1f first_response_ms=%.1f status=%d warm_first_response_ms=%.1f"
            + " warm_status=%d%n",
        (started - begin) / 1e6,
        (answered - begin) / 1e6,
        status,
        (warmAnswered - warmBegin) / 1e6,
        warmStatus);
  }

  /** Sends {@code request} and reads the whole response; returns its HTTP status. */
  private static int send(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      int contentLength = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          contentLength = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      in.readNBytes(contentLength);
      // The status line reads "HTTP/1.1 200 OK".
      return Integer.parseInt(head.substring(9, 12));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("The emulator closed the connection before the response headers.");
      }
      head.write(next);
      matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
