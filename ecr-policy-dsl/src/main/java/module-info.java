/**
 * Policies and settings for Amazon ECR as immutable values: lifecycle policies with their validator
 * and local evaluator, replication configurations, repository and registry permission policies,
 * registry and repository settings, and the shared violation and warning types.
 */
module dev.ecr4j.policy {
  // Jackson reads and writes policy JSON. It never appears in a public signature.
  requires tools.jackson.databind;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.ecr4j.policy;
  exports dev.ecr4j.policy.lifecycle;
  exports dev.ecr4j.policy.replication;
  exports dev.ecr4j.policy.iam;
  exports dev.ecr4j.policy.registry;
}
