package dev.ecr4j.policy.registry;

import java.util.Objects;

/** The scanner of a private registry. Constants are spelled as in ECR's API. */
public enum ScanType {
  /** ECR's own scanner, on push or started by hand; ECR's default. */
  BASIC,
  /** Amazon Inspector, on push or continuously. */
  ENHANCED;

  /** Returns true when rules of this scan type may use {@code frequency}. */
  public boolean supports(ScanFrequency frequency) {
    Objects.requireNonNull(frequency, "frequency");
    // The API model documents SCAN_ON_PUSH for BASIC, and SCAN_ON_PUSH and CONTINUOUS_SCAN for
    // ENHANCED. BASIC scans every repository that no rule matches by hand (MANUAL).
    // NOTE: whether ECR accepts MANUAL in a BASIC rule is unconfirmed. ecr4j accepts it, with a
    // warning that the rule changes nothing.
    return switch (frequency) {
      case SCAN_ON_PUSH -> true;
      case CONTINUOUS_SCAN -> this == ENHANCED;
      case MANUAL -> this == BASIC;
    };
  }
}
