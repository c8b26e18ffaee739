package dev.ecr4j.benchmarks.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** moto's server ({@code python3 -m moto.server}) on a port of 127.0.0.1, for the benchmark. */
public final class MotoProcess implements AutoCloseable {

  /** How long moto may take to import and bind; it took about 2 s on a 2-core machine. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;

  private MotoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts moto's server on {@code port} and waits until it accepts connections. */
  public static MotoProcess start(int port) throws IOException, InterruptedException {
    Path log = Files.createTempFile("moto-server", ".log");
    Process process =
        new ProcessBuilder(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    MotoProcess moto = new MotoProcess(process, port);
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "moto's server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return moto;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    moto.close();
    throw new IOException(
        "moto's server did not accept connections on port " + port + " within " + STARTUP_TIMEOUT);
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
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
