/**
 * The testkit's backend abstraction: {@link dev.ecr4j.testkit.TestBackend} is an ECR endpoint that
 * tests run against, either the embedded emulator ({@link dev.ecr4j.testkit.EmbeddedBackend}) or
 * LocalStack ({@code dev.ecr4j.testkit.localstack}). {@link dev.ecr4j.testkit.EcrEndpoint} contains
 * the address and credentials that clients need, and {@link dev.ecr4j.testkit.EcrControls} reaches
 * behind the API (reset, clock).
 */
@NullMarked
package dev.ecr4j.testkit;

import org.jspecify.annotations.NullMarked;
