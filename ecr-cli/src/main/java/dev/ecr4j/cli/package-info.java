/**
 * The {@code ecr4j} command line: {@code ecr4j lifecycle validate}, {@code render} and {@code
 * preview}, which check, normalize and locally evaluate Amazon ECR lifecycle policies without
 * calling AWS.
 */
@NullMarked
package dev.ecr4j.cli;

import org.jspecify.annotations.NullMarked;
