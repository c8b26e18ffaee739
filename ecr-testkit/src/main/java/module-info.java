/** The embedded Amazon ECR emulator and the JUnit 5 extension. No package is exported yet. */
module dev.ecr4j.testkit {
  requires transitive dev.ecr4j.core;
  requires static org.jspecify;
}
