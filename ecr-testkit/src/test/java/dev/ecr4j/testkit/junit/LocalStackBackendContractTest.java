package dev.ecr4j.testkit.junit;

/**
 * Runs the backend contract against LocalStack. Skipped, with the reason, without Docker,
 * Testcontainers or {@code LOCALSTACK_AUTH_TOKEN}.
 */
@EcrTest(backend = Backend.LOCALSTACK)
class LocalStackBackendContractTest extends BackendContract {

  /** LocalStack's ECR coverage lists DescribeImageReplicationStatus as not implemented. */
  @Override
  boolean supportsReplicationStatus() {
    return false;
  }
}
