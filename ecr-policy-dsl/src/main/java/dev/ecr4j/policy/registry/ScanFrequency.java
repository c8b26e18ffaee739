package dev.ecr4j.policy.registry;

/** When the repositories a scanning rule matches are scanned. Spelled as in ECR's API. */
public enum ScanFrequency {
  /** Each image is scanned when it is pushed. */
  SCAN_ON_PUSH,
  /** Images are rescanned as new vulnerabilities are published; enhanced scanning only. */
  CONTINUOUS_SCAN,
  /** Images are scanned only when a scan is started; basic scanning only. */
  MANUAL
}
