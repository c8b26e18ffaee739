/**
 * The embedded Amazon ECR emulator, test backends (the emulator and LocalStack), the JUnit Jupiter
 * extension and AssertJ assertions. JUnit, AssertJ and Testcontainers are optional: a test needs
 * only the ones it uses.
 */
module dev.ecr4j.testkit {
  requires transitive dev.ecr4j.core;
  requires dev.ecr4j.policy;
  requires jdk.httpserver;
  requires java.net.http;
  requires tools.jackson.databind;
  requires static transitive org.junit.jupiter.api;
  requires static transitive org.assertj.core;
  requires static testcontainers;
  requires static testcontainers.localstack;
  requires static org.jspecify;

  exports dev.ecr4j.testkit;
  exports dev.ecr4j.testkit.emulator;
  exports dev.ecr4j.testkit.junit;
  exports dev.ecr4j.testkit.localstack;
  exports dev.ecr4j.testkit.assertj;
}
