/**
 * The ecr4j clients for the Amazon ECR and ECR Public APIs: typed operations, resilience layers,
 * registry authorization, the OCI image model, the registry client that pushes and pulls images,
 * and policy-as-code.
 */
module dev.ecr4j.core {
  requires transitive dev.ecr4j.policy;
  requires transitive software.amazon.awssdk.services.ecr;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires software.amazon.awssdk.http.auth.aws;
  requires software.amazon.awssdk.http.auth.spi;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.utils;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.ratelimiter;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core;
  requires org.slf4j;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires transitive okhttp3;
  requires org.apache.commons.compress;
  requires static org.jspecify;

  exports dev.ecr4j.core;
  exports dev.ecr4j.core.auth;
  exports dev.ecr4j.core.retry;
  exports dev.ecr4j.state;
  exports dev.ecr4j.oci;
  exports dev.ecr4j.registry;
}
