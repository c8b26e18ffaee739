/**
 * Amazon ECR permission policies as values: repository policies, registry policies, the statements
 * they are made of, and presets for the common grants.
 *
 * <p>{@link dev.ecr4j.policy.iam.RepositoryPolicy} and {@link dev.ecr4j.policy.iam.RegistryPolicy}
 * are the entry points: build a policy from {@link dev.ecr4j.policy.iam.PolicyStatement} values or
 * {@link dev.ecr4j.policy.iam.PolicyPresets}, parse the JSON ECR returns, render the JSON ECR
 * accepts, and validate it against ECR's rules for that kind of policy.
 */
@NullMarked
package dev.ecr4j.policy.iam;

import org.jspecify.annotations.NullMarked;
