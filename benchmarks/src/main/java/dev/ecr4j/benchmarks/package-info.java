/**
 * Benchmarks of ecr4j: JMH benchmarks and standalone benchmark programs, all run from the shaded
 * {@code benchmarks/target/benchmarks.jar}. The commands and recorded results are in {@code
 * docs/benchmarks.md}.
 */
@NullMarked
package dev.ecr4j.benchmarks;

import org.jspecify.annotations.NullMarked;
