package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * One validated request: the operation, its input, the verified caller and the emulator state.
 *
 * @param operation the operation name, such as {@code CreateRepository}
 * @param input the request body, already checked against the service model
 * @param caller the account and region from the signature
 * @param state the emulator's state
 * @param now the time of the request on the emulator's clock
 */
record Call(
    String operation,
    ObjectNode input,
    SigV4Verifier.Caller caller,
    EmulatorState state,
    Instant now) {

  /**
   * Returns the registry id the request names: its {@code registryId}, the account of its {@code
   * resourceArn}, or else the caller's account.
   */
  String registryId() {
    String arn = Json.text(input, "resourceArn");
    String arnAccount = arn == null ? null : RepositoryOperations.accountOfArn(arn);
    if (arnAccount != null) {
      return arnAccount;
    }
    return Json.text(input, "registryId", caller.accountId());
  }

  /** Returns the private registry the request addresses, in the caller's region. */
  RegistryState registry() {
    return state.registry(registryId(), caller.region());
  }

  /** Returns the required string member {@code name}; the model has checked that it is present. */
  String text(String name) {
    return Json.text(input, name, "");
  }
}
