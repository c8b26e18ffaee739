package dev.ecr4j.testkit.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulator's HTTP/1.1 server, driven over raw sockets with the bytes clients send. */
class EmulatorHttpServerTest {

  /** What the handler saw of each request: method, target and body. */
  private final CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();

  private @Nullable EmulatorHttpServer server;

  @AfterEach
  void stop() {
    EmulatorHttpServer running = server;
    if (running != null) {
      running.close();
    }
  }

  /** Echoes the request: status 200 and a body naming method, target and the body's bytes. */
  private final HttpHandler echo =
      exchange -> {
        try (exchange) {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String text =
              exchange.getRequestMethod() + " " + exchange.getRequestURI() + " [" + body + "]";
          seen.add(text);
          byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        }
      };

  private int start(HttpHandler handler) throws IOException {
    EmulatorHttpServer started =
        new EmulatorHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server = started;
    started.start(handler);
    return started.port();
  }

  @Test
  void servesSeveralRequestsOnOneConnection() throws IOException {
    int port = start(echo);
    try (Client client = new Client(port)) {
      client.send("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET /v2/ []");

      client.send("POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      Response second = client.read();
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body()).isEqualTo("POST /a?b=c [hello]");
      assertThat(second.header("Date")).matches(DATE);
    }
  }

  @Test
  void answersPipelinedRequestsInOrder() throws IOException {
    int port = start(echo);
    try (Client client = new Client(port)) {
      client.send(
          "POST /1 HTTP/1.1\r\nContent-Length: 1\r\n\r\nA"
              + "GET /2 HTTP/1.1\r\n\r\n"
              + "POST /3 HTTP/1.1\r\nContent-Length: 2\r\n\r\nBC");
      assertThat(client.read().body()).isEqualTo("POST /1 [A]");
      assertThat(client.read().body()).isEqualTo("GET /2 []");
      assertThat(client.read().body()).isEqualTo("POST /3 [BC]");
    }
  }

  @Test
  void readsChunkedBodiesWithTrailers() throws IOException {
    int port = start(echo);
    try (Client client = new Client(port)) {
      client.send(
          "PATCH /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5;name=value\r\nhello\r\n"
              + "1\r\n \r\n"
              + "5\r\nworld\r\n"
              + "0\r\nX-Trailer: yes\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("PATCH /upload [hello world]");

      // The connection is still in step after the trailers.
      client.send("GET /next HTTP/1.1\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET /next []");
    }
  }

  @Test
  void sendsContinueBeforeReadingBody() throws IOException {
    int port = start(echo);
    try (Client client = new Client(port)) {
      client.send("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
      assertThat(client.readLine()).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(client.readLine()).isEmpty();
      client.send("abc");
      assertThat(client.read().body()).isEqualTo("PUT /x [abc]");
    }
  }

  @Test
  void headKeepsHandlerContentLength() throws IOException {
    int port =
        start(
            exchange -> {
              try (exchange) {
                if (exchange.getRequestMethod().equals("HEAD")) {
                  exchange.getResponseHeaders().set("Content-Length", "1234");
                  exchange.sendResponseHeaders(200, -1);
                } else {
                  echo.handle(exchange);
                }
              }
            });
    try (Client client = new Client(port)) {
      client.send("HEAD /blob HTTP/1.1\r\n\r\n");
      Response head = client.readWithoutBody();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("1234");

      client.send("GET /after HTTP/1.1\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET /after []");
    }
  }

  @Test
  void frames204AndUnknownLengthBodies() throws IOException {
    int port =
        start(
            exchange -> {
              try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/empty")) {
                  exchange.sendResponseHeaders(204, -1);
                  return;
                }
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < 3000; i++) {
                  out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
              }
            });
    try (Client client = new Client(port)) {
      client.send("DELETE /empty HTTP/1.1\r\n\r\n");
      Response empty = client.readWithoutBody();
      assertThat(empty.status()).isEqualTo(204);
      assertThat(empty.headers()).doesNotContainKey("content-length");

      client.send("GET /stream HTTP/1.1\r\n\r\n");
      Response streamed = client.read();
      assertThat(streamed.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(streamed.body()).startsWith("line 0\n").endsWith("line 2999\n");
      assertThat(streamed.body().lines()).hasSize(3000);
    }
  }

  @Test
  void closesATlsConnectionAtOnce() throws IOException {
    int port = start(echo);
    try (Client client = new Client(port)) {
      // The first bytes of a TLS 1.2 ClientHello record.
      client.sendBytes(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01});
      assertThat(client.in.read()).isEqualTo(-1);
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void rejectsMalformedRequestsNamingTheProblem() throws IOException {
    int port = start(echo);

    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("GARBAGE\r\n\r\n", "400 The request line 'GARBAGE' is not of the form");
    cases.put("GET / HTTP/1.1 extra\r\n\r\n", "400 The request line");
    cases.put("G(T / HTTP/1.1\r\n\r\n", "400 The method 'G(T' is not a valid token");
    cases.put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "505 The emulator speaks HTTP/1.1");
    cases.put("GET /a|{b} HTTP/1.1\r\n\r\n", "400 The request target '/a|{b}' is not a valid URI");
    cases.put("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", "400 The header line 'No colon here'");
    cases.put("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", "400 Folded header lines");
    cases.put(
        "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "400 The Content-Length '-5' is not a non-negative number");
    cases.put(
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "400 The request has different Content-Length values");
    cases.put(
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
        "400 The request has both Transfer-Encoding and Content-Length");
    cases.put(
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        "400 The transfer coding 'gzip' does not end with chunked");
    cases.put(
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "501 The transfer coding 'gzip' is not supported");
    cases.put(
        "GET / HTTP/1.1\r\nX-Value: a\rb\r\n\r\n",
        "400 The value of the header field 'X-Value' contains a control character");
    cases.put(
        "GET / HTTP/1.1\r\nX-Value: a\0b\r\n\r\n",
        "400 The value of the header field 'X-Value' contains a control character");
    cases.put("GET mailto:x HTTP/1.1\r\n\r\n", "400 The request target 'mailto:x' has no path");
    cases.put("CONNECT a:443 HTTP/1.1\r\n\r\n", "400 The request target 'a:443' has no path");
    cases.put(
        "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(RequestHead.MAX_HEAD_BYTES) + "\r\n\r\n",
        "431 The request line and header fields are longer than 65536 bytes");

    for (Map.Entry<String, String> entry : cases.entrySet()) {
      try (Client client = new Client(port)) {
        client.send(entry.getKey());
        Response response = client.read();
        assertThat(response.status() + " " + response.body())
            .as(RequestHead.printable(entry.getKey()))
            .startsWith(entry.getValue());
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(client.in.read()).isEqualTo(-1);
      }
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void malformedChunkedBodyGets400() throws IOException {
    int port = start(echo);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("zz\r\nab\r\n0\r\n\r\n", "400 The chunk size 'zz' is not hexadecimal.");
    cases.put(
        "1\r\nab\r\n0\r\n\r\n",
        "400 A chunk of the request body is longer than its size of 1 (hexadecimal) bytes.");
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      try (Client client = new Client(port)) {
        client.send("PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + entry.getKey());
        Response response = client.read();
        assertThat(response.status() + " " + response.body())
            .as(RequestHead.printable(entry.getKey()))
            .startsWith(entry.getValue());
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(client.in.read()).isEqualTo(-1);
      }
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void closesOnRequestOrHttp10() throws IOException {
    int port = start(echo);
    for (String request :
        new String[] {
          "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n", "GET /a HTTP/1.0\r\n\r\n",
        }) {
      try (Client client = new Client(port)) {
        client.send(request);
        Response response = client.read();
        assertThat(response.body()).isEqualTo("GET /a []");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(client.in.read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void skipsSmallUnreadBodyClosesOnLarge() throws Exception {
    HttpHandler ignoresBody =
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(401, -1);
          }
        };
    int port = start(ignoresBody);
    try (Client client = new Client(port)) {
      client.send("PUT /small HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789");
      assertThat(client.read().status()).isEqualTo(401);
      client.send("PUT /large HTTP/1.1\r\nContent-Length: 5000000\r\n\r\n");
      // The body goes out on another thread, so that the response is read while it is sent.
      Thread sender =
          new Thread(
              () -> {
                try {
                  client.sendBytes(new byte[2 * 1024 * 1024]);
                } catch (IOException e) {
                  // The server closed the connection after skipping 1 MiB, as it should.
                }
              });
      sender.start();
      Response response = client.read();
      assertThat(response.status()).isEqualTo(401);
      // The server closes the connection after this response, so the response has Connection:
      // close.
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.readToEnd()).isZero();
      sender.join(10_000);
    }
  }

  @Test
  void closesWhenHandlerSendsNothing() throws IOException {
    int port = start(HttpExchange::close);
    try (Client client = new Client(port)) {
      client.send("GET / HTTP/1.1\r\n\r\n");
      assertThat(client.in.read()).isEqualTo(-1);
    }
  }

  @Test
  void closesOnShortResponseBody() throws IOException {
    int port =
        start(
            exchange -> {
              try (exchange) {
                exchange.sendResponseHeaders(200, 10);
                exchange.getResponseBody().write(new byte[4]);
              }
            });
    try (Client client = new Client(port)) {
      client.send("GET / HTTP/1.1\r\n\r\n");
      Response response = client.readWithoutBody();
      assertThat(response.header("Content-Length")).isEqualTo("10");
      assertThat(client.readToEnd()).isEqualTo(4);
    }
  }

  @Test
  void closeEndsIdleConnections() throws IOException {
    int port = start(echo);
    try (Client client = new Client(port)) {
      client.send("GET / HTTP/1.1\r\n\r\n");
      client.read();
      Objects.requireNonNull(server).close();
      assertThat(client.in.read()).isEqualTo(-1);
    }
  }

  @Test
  void headDropsWhatTheHandlerWrites() throws IOException {
    int port =
        start(
            exchange -> {
              try (exchange) {
                byte[] body = "a body a GET would get".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
                exchange.sendResponseHeaders(200, -1);
                exchange.getResponseBody().write(body);
              }
            });
    try (Client client = new Client(port)) {
      client.send("HEAD /blob HTTP/1.1\r\n\r\n");
      Response head = client.readWithoutBody();
      assertThat(head.header("Content-Length")).isEqualTo("22");
      assertThat(head.headers()).doesNotContainKey("connection");

      client.send("HEAD /blob HTTP/1.1\r\n\r\n");
      assertThat(client.readWithoutBody().status()).isEqualTo(200);
    }
  }

  @Test
  void closeReleasesThePortAtOnce() throws IOException {
    int port = start(echo);
    for (int round = 0; round < 20; round++) {
      Objects.requireNonNull(server).close();

      // Binding the same port straight after close() is what a second emulator on a fixed port
      // does.
      EmulatorHttpServer next =
          new EmulatorHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = next;
      next.start(echo);
    }
    try (Client client = new Client(port)) {
      client.send("GET /again HTTP/1.1\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET /again []");
    }
  }

  @Test
  void closeEndsStuckRequests() throws IOException {
    int port = start(echo);
    try (Client inBody = new Client(port);
        Client inHead = new Client(port)) {
      inBody.send("PUT /x HTTP/1.1\r\nContent-Length: 100000\r\n\r\nabc");
      inHead.send("GET /x HTTP/1.1\r\nX-Partial: ");

      Objects.requireNonNull(server).close();

      assertThat(inBody.readToEnd()).isZero();
      assertThat(inHead.readToEnd()).isZero();
    }

    // The same port binds again at once, as a test that restarts on a fixed port needs.
    server = null;
    EmulatorHttpServer again =
        new EmulatorHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = again;
    again.start(echo);
    try (Client client = new Client(port)) {
      client.send("GET /again HTTP/1.1\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET /again []");
    }
  }

  @Test
  void acceptFailuresPauseInsteadOfSpinning() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    // A server socket that fails like accept() does when the process is out of file descriptors.
    ServerSocket failing =
        new ServerSocket() {
          @Override
          public Socket accept() throws IOException {
            attempts.incrementAndGet();
            throw new IOException("Too many open files");
          }
        };
    EmulatorHttpServer started = new EmulatorHttpServer(failing);
    server = started;
    started.start(echo);

    Thread.sleep(500);

    assertThat(attempts.get()).isBetween(1, 20);
  }

  @Test
  void formatsDatesAsImfFixdate() {
    assertThat(SocketExchange.httpDate(Instant.parse("1994-11-06T08:49:37Z")))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(SocketExchange.httpDate(Instant.parse("2026-01-01T00:00:09Z")))
        .isEqualTo("Thu, 01 Jan 2026 00:00:09 GMT");
  }

  private static final Pattern DATE =
      Pattern.compile(
          "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");

  /** One response as read from the socket; header names are lower case. */
  record Response(int status, Map<String, String> headers, String body) {
    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A raw HTTP/1.1 connection to the server under test. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    Client(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
    }

    void send(String text) throws IOException {
      sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendBytes(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.write(c);
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    Response readWithoutBody() throws IOException {
      String statusLine = readLine();
      Map<String, String> headers = new LinkedHashMap<>();
      String line;
      while (!(line = readLine()).isEmpty()) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      return new Response(Integer.parseInt(statusLine.substring(9, 12)), headers, "");
    }

    Response read() throws IOException {
      Response head = readWithoutBody();
      byte[] body;
      if ("chunked".equals(head.header("Transfer-Encoding"))) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int size;
        while ((size = Integer.parseInt(readLine(), 16)) > 0) {
          chunks.write(in.readNBytes(size));
          readLine();
        }
        readLine();
        body = chunks.toByteArray();
      } else if (head.header("Content-Length") != null) {
        body =
            in.readNBytes(Integer.parseInt(Objects.requireNonNull(head.header("Content-Length"))));
      } else {
        body = new byte[0];
      }
      return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    /** Reads until the server closes the connection; returns the number of bytes. */
    long readToEnd() throws IOException {
      long count = 0;
      byte[] buffer = new byte[8192];
      int read;
      try {
        while ((read = in.read(buffer)) >= 0) {
          count += read;
        }
      } catch (IOException e) {
        // A reset after the server closed with unread input counts as the end.
      }
      return count;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
