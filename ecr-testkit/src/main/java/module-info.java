/** The embedded Amazon ECR emulator and, later, the JUnit extension. */
module dev.ecr4j.testkit {
  requires transitive dev.ecr4j.core;
  requires dev.ecr4j.policy;
  requires jdk.httpserver;
  requires tools.jackson.databind;
  requires static org.jspecify;

  exports dev.ecr4j.testkit.emulator;
}
