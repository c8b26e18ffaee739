/**
 * LocalStack as a test backend, through Testcontainers: {@link
 * dev.ecr4j.testkit.localstack.LocalStackBackend}. Testcontainers is an optional dependency of the
 * testkit, used only in this package; without it, without Docker, or without {@code
 * LOCALSTACK_AUTH_TOKEN}, {@link
 * dev.ecr4j.testkit.localstack.LocalStackBackend#unavailableReason()} returns why the backend
 * cannot run.
 */
@NullMarked
package dev.ecr4j.testkit.localstack;

import org.jspecify.annotations.NullMarked;
