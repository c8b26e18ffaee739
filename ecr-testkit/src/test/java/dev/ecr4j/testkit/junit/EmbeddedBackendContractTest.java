package dev.ecr4j.testkit.junit;

/** Runs the backend contract against the embedded emulator. */
@EcrTest
class EmbeddedBackendContractTest extends BackendContract {}
