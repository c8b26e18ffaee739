package dev.ecr4j.testkit.emulator.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's public port: it closes TLS connections at once and relays plain HTTP connections
 * to the JDK HTTP server behind it.
 *
 * <p>Why: registry clients such as skopeo and containerd, configured to skip TLS verification,
 * first try HTTPS and fall back to HTTP only when that attempt fails. The JDK's HTTP server waits
 * for a request line that a TLS ClientHello never completes, so each client waited for its
 * 10-second TLS handshake timeout. A TLS record starts with byte 0x16 (handshake), which no HTTP
 * method starts with, so the first byte distinguishes the two.
 */
public final class PlainHttpFront implements Closeable {

  private static final System.Logger LOG = System.getLogger(PlainHttpFront.class.getName());

  /** The first byte of a TLS handshake record. */
  private static final int TLS_HANDSHAKE = 0x16;

  private static final int BUFFER_BYTES = 256 * 1024;

  private final ServerSocket server;
  private final InetSocketAddress backend;
  private final ExecutorService relays;
  private final Thread acceptor;

  /**
   * Binds {@code address} and starts relaying to {@code backend}.
   *
   * @throws IOException when the address cannot be bound
   */
  public PlainHttpFront(InetSocketAddress address, InetSocketAddress backend) throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 128);
    this.backend = backend;
    AtomicInteger count = new AtomicInteger();
    this.relays =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "ecr4j-emulator-relay-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.acceptor = new Thread(this::acceptLoop, "ecr4j-emulator-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the bound port. */
  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        relays.execute(() -> serve(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.log(Level.WARNING, "Accepting a connection on the emulator's port failed", e);
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  /**
   * Relays one connection: client to backend on a second thread, backend to client on this one.
   * When the backend closes, as the JDK server does after an error or an idle period, both sockets
   * close. When the client closes, the backend reads the end of its input and closes in turn.
   */
  private void serve(Socket client) {
    try (client;
        Socket upstream = new Socket()) {
      client.setTcpNoDelay(true);
      InputStream fromClient = client.getInputStream();
      int first = fromClient.read();
      if (first < 0 || first == TLS_HANDSHAKE) {
        return;
      }
      upstream.setTcpNoDelay(true);
      upstream.connect(backend);
      OutputStream toBackend = upstream.getOutputStream();
      toBackend.write(first);
      relays.execute(
          () -> {
            try {
              pump(fromClient, toBackend);
              upstream.shutdownOutput();
            } catch (IOException e) {
              closeQuietly(upstream);
            }
          });
      pump(upstream.getInputStream(), client.getOutputStream());
    } catch (IOException e) {
      // The client or the server closed the connection, so nothing is left to relay.
    }
  }

  private static void pump(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      out.write(buffer, 0, read);
    }
    out.flush();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a server socket that failed is harmless.
    }
    relays.shutdownNow();
  }
}
