package dev.ecr4j.testkit.emulator.internal;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request line and header fields of one HTTP/1.1 request, and how its body is framed.
 *
 * @param method the request method, as sent
 * @param uri the request target
 * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields
 * @param contentLength the body's length, or -1 when the body is chunked
 * @param persistent whether the connection may carry another request after this one
 */
record RequestHead(
    String method,
    URI uri,
    String protocol,
    Headers headers,
    long contentLength,
    boolean persistent) {

  /** The request line and the header fields together may not be longer than this. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** A request that cannot be served. The connection closes after the error response. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    BadRequest(int status, String reason) {
      super(reason);
      this.status = status;
      this.reason = reason;
    }

    int status() {
      return status;
    }

    /** Returns the message for the client, which names the bad value. */
    String reason() {
      return reason;
    }
  }

  boolean chunked() {
    return contentLength < 0;
  }

  boolean expectsContinue() {
    String expect = headers.getFirst("Expect");
    return expect != null
        && expect.equalsIgnoreCase("100-continue")
        && !protocol.equals("HTTP/1.0");
  }

  /**
   * Reads the next request head from {@code in}.
   *
   * @return the head, or null when the client closed the connection before another request
   * @throws BadRequest when the request is malformed or too large
   * @throws IOException when reading fails
   */
  static @Nullable RequestHead read(ConnectionInput in) throws IOException {
    HeadLines lines = new HeadLines(in);

    // A client may send empty lines before a request line (RFC 9112, section 2.2).
    String requestLine;
    do {
      requestLine = lines.next();
      if (requestLine == null) {
        return null;
      }
    } while (requestLine.isEmpty());

    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new BadRequest(
          400,
          "The request line '"
              + printable(requestLine)
              + "' is not of the form 'METHOD TARGET HTTP/1.1'.");
    }
    String method = parts[0];
    for (int i = 0; i < method.length(); i++) {
      if (!isTokenChar(method.charAt(i))) {
        throw new BadRequest(400, "The method '" + printable(method) + "' is not a valid token.");
      }
    }
    String protocol = parts[2];
    if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
      throw new BadRequest(
          505,
          "The emulator speaks HTTP/1.1 and HTTP/1.0, not '"
              + printable(protocol)
              + "'. Use an HTTP/1.1 client.");
    }
    URI uri;
    try {
      uri = new URI(parts[1]);
    } catch (URISyntaxException e) {
      throw new BadRequest(
          400, "The request target '" + printable(parts[1]) + "' is not a valid URI.");
    }
    if (uri.getRawPath() == null) {
      // An opaque URI such as 'mailto:x', or CONNECT's authority form, has no path to route by.
      throw new BadRequest(
          400,
          "The request target '"
              + printable(parts[1])
              + "' has no path. Send a path such as /v2/.");
    }

    Headers headers = new Headers();
    String line;
    while (!(line = lines.nextInHead()).isEmpty()) {
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new BadRequest(400, "Folded header lines are not accepted (RFC 9112, 5.2).");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(
            400, "The header line '" + printable(line) + "' has no field name and colon.");
      }
      String name = line.substring(0, colon);
      for (int i = 0; i < name.length(); i++) {
        if (!isTokenChar(name.charAt(i))) {
          throw new BadRequest(
              400, "The header field name '" + printable(name) + "' is not a valid token.");
        }
      }
      String value = line.substring(colon + 1).strip();
      if (hasControlCharacter(value)) {
        // RFC 9110, 5.5: CR, LF and NUL in a field value are invalid, and Headers rejects CR too.
        throw new BadRequest(
            400,
            "The value of the header field '"
                + printable(name)
                + "' contains a control character.");
      }
      headers.add(name, value);
    }

    return new RequestHead(
        method, uri, protocol, headers, bodyLength(headers), persistent(headers, protocol));
  }

  /** Returns the body's length from the header fields, or -1 for a chunked body. */
  private static long bodyLength(Headers headers) throws BadRequest {
    List<String> transferEncoding = headers.get("Transfer-Encoding");
    if (transferEncoding != null) {
      String last = transferEncoding.get(transferEncoding.size() - 1);
      String[] codings = last.split(",");
      if (!codings[codings.length - 1].strip().equalsIgnoreCase("chunked")) {
        throw new BadRequest(
            400,
            "The transfer coding '"
                + printable(String.join(", ", transferEncoding))
                + "' does not end with chunked, so the body's end is unknown.");
      }
      for (String value : transferEncoding) {
        for (String coding : value.split(",")) {
          if (!coding.strip().equalsIgnoreCase("chunked")) {
            // The body would reach the handler still compressed (RFC 9112, 6.1).
            throw new BadRequest(
                501,
                "The transfer coding '"
                    + printable(coding.strip())
                    + "' is not supported. Send the body with only chunked or Content-Length.");
          }
        }
      }
      if (headers.containsKey("Content-Length")) {
        // A request with both is a smuggling risk (RFC 9112, 6.3); serve none of it.
        throw new BadRequest(400, "The request has both Transfer-Encoding and Content-Length.");
      }
      return -1;
    }
    List<String> lengths = headers.get("Content-Length");
    if (lengths == null) {
      return 0;
    }
    long length = -1;
    for (String value : lengths) {
      for (String item : value.split(",")) {
        long parsed = parseLength(item.strip());
        if (length >= 0 && parsed != length) {
          throw new BadRequest(400, "The request has different Content-Length values.");
        }
        length = parsed;
      }
    }
    return length;
  }

  private static long parseLength(String value) throws BadRequest {
    if (value.isEmpty() || value.length() > 18) {
      throw new BadRequest(
          400, "The Content-Length '" + printable(value) + "' is not a non-negative number.");
    }
    long length = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new BadRequest(
            400, "The Content-Length '" + printable(value) + "' is not a non-negative number.");
      }
      length = length * 10 + (c - '0');
    }
    return length;
  }

  private static boolean persistent(Headers headers, String protocol) {
    List<String> connection = headers.get("Connection");
    if (connection != null) {
      for (String value : connection) {
        for (String option : value.split(",")) {
          if (option.strip().equalsIgnoreCase("close")) {
            return false;
          }
        }
      }
    }
    // NOTE: an HTTP/1.0 connection closes after each response, even with Connection: keep-alive.
    // That is enough, because only hand-written requests to the emulator use HTTP/1.0.
    return protocol.equals("HTTP/1.1");
  }

  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** Returns {@code text} cut to 200 characters, with control characters replaced by '?'. */
  static String printable(String text) {
    String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    StringBuilder result = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      result.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return result.toString();
  }

  /** Reads the lines of one head, counting their bytes against {@link #MAX_HEAD_BYTES}. */
  private static final class HeadLines {
    private final ConnectionInput in;
    private int headBytes;

    HeadLines(ConnectionInput in) {
      this.in = in;
    }

    /** Returns the next line, or null when the stream ends before its first byte. */
    @Nullable String next() throws IOException {
      String line;
      try {
        line = in.readLine(MAX_HEAD_BYTES - headBytes);
      } catch (ConnectionInput.LineTooLongException e) {
        throw new BadRequest(
            431,
            "The request line and header fields are longer than " + MAX_HEAD_BYTES + " bytes.");
      }
      if (line != null) {
        headBytes += in.lastLineBytes();
      }
      return line;
    }

    /** Returns the next line of a head that has begun; the stream may not end here. */
    String nextInHead() throws IOException {
      String next = next();
      if (next == null) {
        throw new IOException("The connection closed inside a request head.");
      }
      return next;
    }
  }
}
