package dev.ecr4j.testkit.junit;

import dev.ecr4j.testkit.EmbeddedBackend;
import dev.ecr4j.testkit.TestBackend;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import dev.ecr4j.testkit.localstack.LocalStackBackend;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Settings of the backend that the extension starts, from {@link EcrTest} or its builder. */
record ExtensionSettings(
    Backend backend,
    Isolation isolation,
    String region,
    EmulatorCredentials credentials,
    @Nullable Instant startTime,
    String localStackImage) {

  static ExtensionSettings from(EcrTest annotation) {
    return new ExtensionSettings(
        annotation.backend(),
        annotation.isolation(),
        annotation.region(),
        EmulatorCredentials.DEFAULT,
        null,
        annotation.localStackImage());
  }

  /** Starts the configured backend. */
  TestBackend start() {
    if (backend == Backend.LOCALSTACK) {
      return LocalStackBackend.builder().image(localStackImage).region(region).start();
    }
    EmbeddedBackend.Builder builder =
        EmbeddedBackend.builder().region(region).credentials(credentials);
    if (startTime != null) {
      builder.startTime(startTime);
    }
    return builder.start();
  }
}
