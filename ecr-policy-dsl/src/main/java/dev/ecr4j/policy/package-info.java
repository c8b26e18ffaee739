/**
 * Types shared by every ecr4j policy: {@link dev.ecr4j.policy.PolicyViolation} for what ECR would
 * reject, {@link dev.ecr4j.policy.PolicyWarning} for legal policies that are almost surely
 * mistakes, and {@link dev.ecr4j.policy.InvalidPolicyException}, which carries every violation at
 * once.
 */
@NullMarked
package dev.ecr4j.policy;

import org.jspecify.annotations.NullMarked;
