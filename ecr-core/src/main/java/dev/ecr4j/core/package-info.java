/** The ecr4j client for the Amazon ECR API: entry point, typed operations and exceptions. */
@NullMarked
package dev.ecr4j.core;

import org.jspecify.annotations.NullMarked;
