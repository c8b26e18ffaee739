package dev.ecr4j.testkit.emulator.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response on a connection of {@link EmulatorHttpServer}.
 *
 * <p>{@link #sendResponseHeaders} follows the JDK server's contract: a length of 0 sends a chunked
 * body, -1 sends no body, and any other length a body of exactly that many bytes; {@code HEAD}
 * requests and 304 responses never send a body and keep a {@code Content-Length} the handler set
 * itself; 1xx and 204 responses carry no {@code Content-Length}.
 */
final class SocketExchange extends HttpExchange {

  /** The largest unread request body skipped to keep a connection open; a larger one closes it. */
  private static final long MAX_DRAIN_BYTES = 1024 * 1024;

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private final Socket socket;
  private final RequestHead head;
  private final OutputStream out;
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private InputStream requestBody;
  private @Nullable OutputStream responseBody;
  private int responseCode = -1;
  private boolean persistent;
  private boolean finished;

  /** The framing error of a chunked request body, once reading it has failed. */
  private RequestHead.@Nullable BadRequest bodyError;

  SocketExchange(Socket socket, RequestHead head, ConnectionInput in, OutputStream out)
      throws IOException {
    this.socket = socket;
    this.head = head;
    this.out = out;
    this.persistent = head.persistent();
    this.requestBody =
        head.chunked()
            ? new ChunkedInputStream(in, error -> bodyError = error)
            : new FixedLengthInputStream(in, head.contentLength());
    if (head.expectsContinue()) {
      // Sent before the handler runs, as the JDK server does, so the client sends its body at once.
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  @Override
  public Headers getRequestHeaders() {
    return head.headers();
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return head.uri();
  }

  @Override
  public String getRequestMethod() {
    return head.method();
  }

  /** Not supported: the emulator's handlers serve the whole port without contexts. */
  @Override
  public HttpContext getHttpContext() {
    throw new UnsupportedOperationException("The emulator's server has no HTTP contexts.");
  }

  @Override
  public void close() {
    try {
      finish();
    } catch (IOException e) {
      persistent = false;
      closeSocket();
    }
  }

  @Override
  public InputStream getRequestBody() {
    return requestBody;
  }

  @Override
  public OutputStream getResponseBody() {
    if (responseBody == null) {
      throw new IllegalStateException("sendResponseHeaders must be called before getResponseBody.");
    }
    return responseBody;
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    if (responseBody != null) {
      throw new IOException("The response headers have already been sent.");
    }
    if (rCode < 100 || rCode > 999) {
      throw new IllegalArgumentException("The status " + rCode + " is not a valid HTTP status.");
    }
    responseCode = rCode;
    long length = responseLength;
    boolean withoutLengthHeader = false;
    if (rCode < 200 || rCode == 204 || rCode == 304) {
      length = -1;
      withoutLengthHeader = rCode != 304;
    }

    boolean http10 = head.protocol().equals("HTTP/1.0");
    OutputStream body;
    if (head.method().equals("HEAD")) {
      // The handler may have set Content-Length to the size a GET would send; it stays. What it
      // writes is dropped, so a handler may serve HEAD as GET without breaking the connection.
      body = OutputStream.nullOutputStream();
    } else if (rCode == 304) {
      body = new FixedLengthOutputStream(out, 0);
    } else if (length == 0) {
      responseHeaders.remove("Content-Length");
      if (http10) {
        // HTTP/1.0 has no chunked coding: the body ends when the connection closes.
        persistent = false;
        body = new PassThroughOutputStream(out);
      } else {
        responseHeaders.set("Transfer-Encoding", "chunked");
        body = new ChunkedOutputStream(out);
      }
    } else {
      long bodyLength = Math.max(0, length);
      if (withoutLengthHeader) {
        responseHeaders.remove("Content-Length");
      } else {
        responseHeaders.set("Content-Length", Long.toString(bodyLength));
      }
      body = new FixedLengthOutputStream(out, bodyLength);
    }

    if (responseHeaders.containsKey("Connection")) {
      List<String> connection = responseHeaders.get("Connection");
      if (connection.stream().anyMatch(value -> value.equalsIgnoreCase("close"))) {
        persistent = false;
      }
    }
    if (bodyError != null
        || requestBody instanceof FixedLengthInputStream fixed
            && fixed.remaining > MAX_DRAIN_BYTES) {
      // finish() will not skip this much, or cannot find the body's end, so the connection closes.
      persistent = false;
    }
    if (!persistent) {
      responseHeaders.set("Connection", "close");
    }
    responseHeaders.set("Date", httpDate(Instant.now()));

    StringBuilder text = new StringBuilder(256);
    text.append("HTTP/1.1 ").append(rCode).append(' ').append(reason(rCode)).append("\r\n");
    for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
      for (String value : header.getValue()) {
        text.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    responseBody = body;
    if (head.method().equals("HEAD")
        || body instanceof FixedLengthOutputStream fixed && fixed.remaining == 0) {
      out.flush();
    }
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return (InetSocketAddress) socket.getRemoteSocketAddress();
  }

  @Override
  public int getResponseCode() {
    return responseCode;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Override
  public String getProtocol() {
    return head.protocol();
  }

  @Override
  public @Nullable Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, @Nullable Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
    if (i != null) {
      requestBody = i;
    }
    if (o != null) {
      responseBody = o;
    }
  }

  @Override
  public @Nullable HttpPrincipal getPrincipal() {
    return null;
  }

  /**
   * Completes the exchange: ends the response body and skips what the handler left of the request
   * body. Safe to call more than once.
   *
   * @return whether the connection can carry another request
   */
  boolean finish() throws IOException {
    if (finished) {
      return persistent;
    }
    finished = true;
    OutputStream body = responseBody;
    if (body == null) {
      // Closing an exchange before its response closes the connection, as with the JDK server.
      persistent = false;
      RequestHead.BadRequest malformed = bodyError;
      try {
        if (malformed != null) {
          // The handler gave up on a malformed body, so a 400 response gives the client the reason.
          EmulatorHttpServer.writeRejection(out, malformed.status(), malformed.reason());
        }
      } finally {
        closeSocket();
      }
      return false;
    }
    body.close();
    if (body instanceof FixedLengthOutputStream fixed && fixed.remaining > 0) {
      // The client counts on bytes that never come, so the connection cannot be reused.
      persistent = false;
      closeSocket();
      throw new IOException(
          "The response body ended " + fixed.remaining + " bytes short of its Content-Length.");
    }
    out.flush();
    if (persistent && !skipRest(requestBody)) {
      persistent = false;
    }
    return persistent;
  }

  private static boolean skipRest(InputStream body) {
    try {
      long skipped = 0;
      byte[] buffer = new byte[8192];
      int read;
      while ((read = body.read(buffer)) >= 0) {
        skipped += read;
        if (skipped > MAX_DRAIN_BYTES) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** Returns the IMF-fixdate of {@code instant}, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  static String httpDate(Instant instant) {
    OffsetDateTime time = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    StringBuilder date = new StringBuilder(29);
    date.append(DAYS[time.getDayOfWeek().ordinal()]).append(", ");
    twoDigits(date, time.getDayOfMonth()).append(' ');
    date.append(MONTHS[time.getMonthValue() - 1]).append(' ').append(time.getYear()).append(' ');
    twoDigits(date, time.getHour()).append(':');
    twoDigits(date, time.getMinute()).append(':');
    twoDigits(date, time.getSecond()).append(" GMT");
    return date.toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** Returns the reason phrase of {@code status}; clients ignore it, people read it. */
  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 416 -> "Range Not Satisfiable";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }

  /** A request body of a known length. */
  private static final class FixedLengthInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    FixedLengthInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] single = new byte[1];
      if (read(single, 0, 1) < 0) {
        return -1;
      }
      return single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      int read = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (read < 0) {
        throw new IOException(
            "The connection closed " + remaining + " bytes before the end of the request body.");
      }
      remaining -= read;
      return read;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), remaining);
    }

    /** Closing leaves the connection open; the server skips what is left. */
    @Override
    public void close() {}
  }

  /** A request body in chunked transfer coding (RFC 9112, section 7.1). */
  private static final class ChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 4096;

    private final ConnectionInput in;
    private final Consumer<RequestHead.BadRequest> onMalformed;
    private long chunkSize;
    private long remainingInChunk;
    private boolean ended;

    ChunkedInputStream(ConnectionInput in, Consumer<RequestHead.BadRequest> onMalformed) {
      this.in = in;
      this.onMalformed = onMalformed;
    }

    /** Reports a framing error to the exchange and returns it to throw. */
    private RequestHead.BadRequest malformed(String message) {
      RequestHead.BadRequest error = new RequestHead.BadRequest(400, message);
      onMalformed.accept(error);
      return error;
    }

    @Override
    public int read() throws IOException {
      byte[] single = new byte[1];
      if (read(single, 0, 1) < 0) {
        return -1;
      }
      return single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      if (remainingInChunk == 0) {
        chunkSize = nextChunkSize();
        remainingInChunk = chunkSize;
        if (remainingInChunk == 0) {
          skipTrailers();
          ended = true;
          return -1;
        }
      }
      int read = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
      if (read < 0) {
        throw new IOException("The connection closed inside a chunk of the request body.");
      }
      remainingInChunk -= read;
      if (remainingInChunk == 0) {
        expectLineEnd();
      }
      return read;
    }

    private long nextChunkSize() throws IOException {
      String line = line();
      int end = line.indexOf(';');
      String size = (end < 0 ? line : line.substring(0, end)).strip();
      if (size.isEmpty() || size.length() > 15) {
        throw malformed(
            "The chunk size '"
                + RequestHead.printable(size)
                + "' is invalid: send 1 to 15 hexadecimal digits.");
      }
      long value = 0;
      for (int i = 0; i < size.length(); i++) {
        int digit = Character.digit(size.charAt(i), 16);
        if (digit < 0) {
          throw malformed(
              "The chunk size '" + RequestHead.printable(size) + "' is not hexadecimal.");
        }
        value = value * 16 + digit;
      }
      return value;
    }

    private void expectLineEnd() throws IOException {
      if (!line().isEmpty()) {
        throw malformed(
            "A chunk of the request body is longer than its size of "
                + Long.toHexString(chunkSize)
                + " (hexadecimal) bytes.");
      }
    }

    private void skipTrailers() throws IOException {
      int total = 0;
      String line;
      while (!(line = line()).isEmpty()) {
        total += line.length();
        if (total > RequestHead.MAX_HEAD_BYTES) {
          throw malformed("The trailer fields of the request are too long.");
        }
      }
    }

    private String line() throws IOException {
      String line;
      try {
        line = in.readLine(MAX_LINE);
      } catch (ConnectionInput.LineTooLongException e) {
        RequestHead.BadRequest error = malformed("A chunk line of the request body is too long.");
        error.initCause(e);
        throw error;
      }
      if (line == null) {
        throw new IOException("The connection closed inside the chunked request body.");
      }
      return line;
    }

    /** Closing leaves the connection open; the server skips what is left. */
    @Override
    public void close() {}
  }

  /** A response body of a known length; writing more than that fails. */
  private static final class FixedLengthOutputStream extends OutputStream {
    private final OutputStream out;
    long remaining;
    private boolean closed;

    FixedLengthOutputStream(OutputStream out, long length) {
      this.out = out;
      this.remaining = length;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("The response body is closed.");
      }
      if (length > remaining) {
        throw new IOException(
            "The response body is longer than the "
                + "length given to sendResponseHeaders ("
                + length
                + " bytes written, "
                + remaining
                + " left).");
      }
      out.write(buffer, offset, length);
      remaining -= length;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        out.flush();
      }
    }
  }

  /** A response body in chunked transfer coding, with chunks of at most the buffer's size. */
  private static final class ChunkedOutputStream extends OutputStream {
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int count;
    private boolean closed;

    ChunkedOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("The response body is closed.");
      }
      while (length > 0) {
        int copied = Math.min(length, buffer.length - count);
        System.arraycopy(bytes, offset, buffer, count, copied);
        count += copied;
        offset += copied;
        length -= copied;
        if (count == buffer.length) {
          writeChunk();
        }
      }
    }

    private void writeChunk() throws IOException {
      if (count > 0) {
        out.write((Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(buffer, 0, count);
        out.write('\r');
        out.write('\n');
        count = 0;
      }
    }

    @Override
    public void flush() throws IOException {
      writeChunk();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        writeChunk();
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    }
  }

  /** An HTTP/1.0 response body that ends when the connection closes. */
  private static final class PassThroughOutputStream extends OutputStream {
    private final OutputStream out;

    PassThroughOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
