package dev.ecr4j.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Guards the point of this module: the tests it runs see JUnit Jupiter 5, not 6. */
class JupiterVersionTest {

  @Test
  void runsOnJupiterFive() {
    String version = Test.class.getPackage().getImplementationVersion();

    assertThat(version).startsWith("5.");
  }
}
