/**
 * Amazon ECR replication configurations as values.
 *
 * <p>{@link dev.ecr4j.policy.replication.ReplicationConfiguration} is the entry point: build a
 * configuration with its fluent builder or from plain values, parse the JSON that {@code
 * PutReplicationConfiguration} accepts and {@code DescribeRegistry} returns, render exactly that
 * JSON, validate it against ECR's rules, and work out locally where each repository's images would
 * be replicated.
 */
@NullMarked
package dev.ecr4j.policy.replication;

import org.jspecify.annotations.NullMarked;
