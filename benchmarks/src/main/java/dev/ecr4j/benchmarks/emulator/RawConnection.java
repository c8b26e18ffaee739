package dev.ecr4j.benchmarks.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one keep-alive connection to 127.0.0.1, so that the load generator
 * spends little CPU per call. It reconnects when the server closes the connection. Not thread-safe:
 * each load thread owns one.
 */
final class RawConnection implements AutoCloseable {

  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawConnection(int port) throws IOException {
    this.port = port;
    this.socket = open();
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  private Socket open() throws IOException {
    Socket opened = new Socket(InetAddress.getLoopbackAddress(), port);
    opened.setTcpNoDelay(true);
    return opened;
  }

  /**
   * Sends {@code request} and reads the whole response.
   *
   * @return the HTTP status
   * @throws IOException when the response cannot be read or has neither a length nor a close
   */
  int call(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String head = readHead();
    int status = Integer.parseInt(head.substring(9, 12));
    long contentLength = -1;
    boolean close = false;
    for (String line : head.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("transfer-encoding:")) {
        throw new IOException("Chunked responses are not supported by this client: " + head);
      }
    }
    if (contentLength >= 0) {
      in.readNBytes((int) contentLength);
    } else if (close) {
      in.readAllBytes();
    } else {
      throw new IOException("The response has no Content-Length and does not close: " + head);
    }
    if (close) {
      reconnect();
    }
    return status;
  }

  private void reconnect() throws IOException {
    socket.close();
    socket = open();
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(256);
    int matched = 0;
    while (matched < 4) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("The server closed the connection before the response headers.");
      }
      head.write(next);
      boolean expected = next == (matched % 2 == 0 ? '\r' : '\n');
      matched = expected ? matched + 1 : (next == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
