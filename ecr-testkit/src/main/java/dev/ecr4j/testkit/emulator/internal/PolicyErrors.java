package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/** Turns the result of one of ecr4j's policy checks into the error ECR returns. */
final class PolicyErrors {

  /** The first member of a JSON path such as {@code $.rules[0].action}. */
  private static final Pattern FIRST_MEMBER = Pattern.compile("\\$\\.([A-Za-z]+)");

  private PolicyErrors() {}

  /**
   * Throws {@code InvalidParameterException} for the first violation of {@code check}, if any, at
   * {@code member}.
   *
   * <p>When ecr4j has ECR's full text for the violation, that text is the message. Otherwise the
   * message uses ECR's constraint wording for {@code member}, with ECR's text or ecr4j's
   * explanation as the constraint.
   *
   * <p>NOTE: ECR's texts are not observed for most of these violations, and ECR may report another
   * violation first when a document has several.
   */
  static void rejectInvalid(String member, PolicyCheck<?> check) {
    if (check.violations().isEmpty()) {
      return;
    }
    throw error(member, check.violations().get(0));
  }

  /**
   * Throws {@code InvalidParameterException} for the first violation of {@code check}, if any, at
   * the request member that the violation's JSON path starts with, such as {@code credentialArn}
   * for {@code $.credentialArn}. A violation of the whole document is reported at {@code
   * documentName}.
   */
  static void rejectInvalidMember(String documentName, PolicyCheck<?> check) {
    if (check.violations().isEmpty()) {
      return;
    }
    PolicyViolation first = check.violations().get(0);
    Matcher member = FIRST_MEMBER.matcher(first.path());
    throw error(member.lookingAt() ? member.group(1) : documentName, first);
  }

  private static AwsError error(String member, PolicyViolation violation) {
    String ecrText = violation.ecrMessageText().orElse(null);
    if (ecrText != null && ecrText.startsWith("Invalid parameter at")) {
      return AwsError.invalidRequest(ecrText);
    }
    return AwsError.invalidParameter(member, ecrText != null ? ecrText : violation.message());
  }

  /**
   * Returns a copy of {@code input} without the members that address the registry or that only
   * responses carry, so that ecr4j's strict parsers see the document alone.
   */
  static ObjectNode document(ObjectNode input) {
    ObjectNode document = input.deepCopy();
    document.remove("registryId");
    document.remove("createdAt");
    document.remove("updatedAt");
    return document;
  }
}
