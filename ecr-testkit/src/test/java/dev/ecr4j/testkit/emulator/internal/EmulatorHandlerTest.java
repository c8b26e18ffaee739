package dev.ecr4j.testkit.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmulatorHandlerTest {

  @Test
  void requestIdsAreVersion4Uuids() {
    assertThat(EmulatorHandler.requestId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        .isNotEqualTo(EmulatorHandler.requestId());
  }
}
