package dev.ecr4j.testkit.emulator.internal;

import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's HTTP/1.1 server: blocking sockets, one thread per connection, and handlers written
 * against the JDK's {@link com.sun.net.httpserver.HttpExchange}.
 *
 * <p>Why not the JDK's own {@code HttpServer}:
 *
 * <ul>
 *   <li>Registry clients such as skopeo and containerd, configured to skip TLS verification, first
 *       try HTTPS and fall back to HTTP only when that attempt fails. The JDK server waits for a
 *       request line that a TLS ClientHello never completes, so each client waited for its
 *       10-second handshake timeout. Here the first byte of a connection decides: a TLS record
 *       starts with 0x16, which no HTTP method starts with, and such a connection is closed at
 *       once.
 *   <li>Start-up time. The JDK server loads its selector machinery and formats every {@code Date}
 *       header with a locale-sensitive pattern whose first use loads the time-zone names; in a
 *       fresh JVM that was about a third of the time to the first served request.
 * </ul>
 *
 * <p>What it implements: persistent connections and pipelining, request bodies with {@code
 * Content-Length} or chunked transfer coding, {@code Expect: 100-continue}, fixed-length, chunked
 * and empty responses with the JDK server's rules for {@code HEAD}, 204 and 304, and 4xx or 5xx
 * error responses to malformed requests. Connections idle for 30 seconds are closed, as the JDK
 * server does.
 */
public final class EmulatorHttpServer implements Closeable {

  private static final System.Logger LOG = LazyLogger.of(EmulatorHttpServer.class);

  /** The first byte of a TLS handshake record. */
  private static final int TLS_HANDSHAKE = 0x16;

  /** How long a kept-alive connection may wait for its next request. */
  static final int IDLE_TIMEOUT_MILLIS = 30_000;

  /**
   * How long one read inside a request may block before the connection is given up.
   *
   * <p>NOTE: this and the idle timeout bound each read, not a whole request, so a client that
   * trickles a byte at a time keeps its connection thread for as long as it keeps sending.
   */
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private static final int BUFFER_BYTES = 64 * 1024;

  /** How long close() waits for the accepting thread, which leaves accept() at once in practice. */
  private static final long ACCEPTOR_EXIT_MILLIS = 5_000;

  /** How long accepting pauses after accept() fails, for example for lack of file descriptors. */
  private static final int ACCEPT_RETRY_MILLIS = 100;

  private final ServerSocket server;
  private @Nullable HttpHandler handler;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds {@code address}; {@link #start} begins serving.
   *
   * @throws IOException when the address cannot be bound
   */
  public EmulatorHttpServer(InetSocketAddress address) throws IOException {
    this(bind(address));
  }

  /** Serves connections from {@code server}, which is bound already. */
  EmulatorHttpServer(ServerSocket server) {
    this.server = server;
    AtomicInteger count = new AtomicInteger();
    this.connections =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "ecr4j-emulator-connection-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.acceptor = new Thread(this::acceptLoop, "ecr4j-emulator-accept");
    acceptor.setDaemon(true);
  }

  private static ServerSocket bind(InetSocketAddress address) throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(address, 128);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Starts accepting connections and serving their requests with {@code handler}. */
  public void start(HttpHandler handler) {
    if (this.handler != null) {
      throw new IllegalStateException("The server has already started.");
    }
    this.handler = handler;
    acceptor.start();
  }

  /** Returns the bound port. */
  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    boolean failing = false;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
        failing = false;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        // Out of file descriptors, accept() fails at once until connections close. So the loop
        // pauses between attempts instead of spinning, and logs once per run of failures.
        if (!failing) {
          LOG.log(
              Level.WARNING,
              "Accepting a connection on the emulator's port failed, retrying every "
                  + ACCEPT_RETRY_MILLIS
                  + " ms",
              e);
          failing = true;
        }
        try {
          Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        continue;
      }
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        // The server is closing.
        closeQuietly(socket);
        return;
      }
    }
  }

  /** Serves the requests of one connection until either side closes it or it idles too long. */
  private void serve(Socket socket) {
    HttpHandler handler = Objects.requireNonNull(this.handler);
    open.add(socket);
    try (socket) {
      if (closed) {
        return;
      }
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      ConnectionInput in = new ConnectionInput(socket.getInputStream(), BUFFER_BYTES);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);

      int first = in.peek();
      if (first < 0 || first == TLS_HANDSHAKE) {
        return;
      }

      boolean keepAlive = true;
      while (keepAlive && !closed) {
        socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        RequestHead head;
        try {
          head = RequestHead.read(in);
        } catch (RequestHead.BadRequest e) {
          LOG.log(
              Level.DEBUG,
              "Rejected a malformed request from {0} with HTTP {1}: {2}",
              socket.getRemoteSocketAddress(),
              e.status(),
              e.reason());
          writeRejection(out, e.status(), e.reason());
          return;
        }
        if (head == null) {
          return;
        }
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        SocketExchange exchange = new SocketExchange(socket, head, in, out);
        try {
          handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
          // The JDK server also closes the connection when a handler throws.
          LOG.log(Level.DEBUG, "A request on the emulator's port ended with an error", e);
          return;
        }
        keepAlive = exchange.finish();
      }
    } catch (SocketTimeoutException e) {
      LOG.log(
          Level.DEBUG,
          "Closed the connection from {0} because a read timed out",
          socket.getRemoteSocketAddress());
    } catch (IOException e) {
      // The client closed the connection, or the server is closing.
      LOG.log(
          Level.DEBUG, "The connection from {0} ended: {1}", socket.getRemoteSocketAddress(), e);
    } finally {
      open.remove(socket);
    }
  }

  /** Writes the error response to a request that cannot be parsed. The caller then closes. */
  static void writeRejection(OutputStream out, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + SocketExchange.reason(status)
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** Stops accepting connections and closes every open one, without waiting for requests. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing a server socket that failed is harmless.
    }

    // The JDK releases the port only when the thread blocked in accept() has left it, so a new
    // server on the same port right after close() needs the acceptor to have finished.
    try {
      acceptor.join(ACCEPTOR_EXIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }

    for (Socket socket : open) {
      closeQuietly(socket);
    }
    connections.shutdownNow();
  }
}
