/**
 * The emulator's implementation: the HTTP handler, SigV4 verification, model-driven request
 * validation, the operations of ECR and ECR Public, and the in-memory registry state. Not exported.
 */
@NullMarked
package dev.ecr4j.testkit.emulator.internal;

import org.jspecify.annotations.NullMarked;
