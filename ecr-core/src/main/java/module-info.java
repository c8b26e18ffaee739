/** The ecr4j client for the Amazon ECR API and the registry. */
module dev.ecr4j.core {
  requires transitive dev.ecr4j.policy;
  requires static org.jspecify;

  exports dev.ecr4j.core;
}
