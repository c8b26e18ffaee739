package dev.ecr4j.testkit.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code python3 -m moto.server}) on a free port of 127.0.0.1, started and stopped
 * by a test. moto accepts any signature and serves account {@code 123456789012}.
 */
final class MotoServer implements AutoCloseable {

  /** The account moto's server uses for every caller. */
  static final String ACCOUNT = "123456789012";

  /** How long moto 5.2.1 may take to import and bind; it took about 2 s on a 2-core machine. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Returns why moto's server cannot run here, or empty when {@code python3} imports {@code moto}.
   */
  static Optional<String> unavailableReason() {
    try {
      Process probe =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .start();
      if (!probe.waitFor(30, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return Optional.of("python3 -c 'import moto.server' did not finish within 30 s");
      }
      if (probe.exitValue() != 0) {
        return Optional.of(
            "python3 cannot import moto.server: "
                + new String(probe.getInputStream().readAllBytes()).strip());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("python3 is not installed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing python3");
    }
  }

  /** Starts moto's server and waits until it accepts connections. */
  static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("moto-server", ".log");
    Process process =
        new ProcessBuilder(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    MotoServer server = new MotoServer(process, port);
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "moto's server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    server.close();
    throw new IOException(
        "moto's server did not accept connections on port " + port + " within " + STARTUP_TIMEOUT);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
