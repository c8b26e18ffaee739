/**
 * Amazon ECR lifecycle policies as values.
 *
 * <p>{@link dev.ecr4j.policy.lifecycle.LifecyclePolicy} is the entry point: build a policy with its
 * fluent builder or from plain values, parse ECR's JSON, render exactly the JSON ECR accepts,
 * validate it against ECR's rules, and preview locally which images it would expire or archive.
 */
@NullMarked
package dev.ecr4j.policy.lifecycle;

import org.jspecify.annotations.NullMarked;
