/**
 * The ecr4j clients for the Amazon ECR and ECR Public APIs: entry points ({@link
 * dev.ecr4j.core.Ecr4jClient}, {@link dev.ecr4j.core.Ecr4jPublicClient}), typed operations and
 * exceptions.
 */
@NullMarked
package dev.ecr4j.core;

import org.jspecify.annotations.NullMarked;
