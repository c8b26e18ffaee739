/** Benchmarks of policy-as-code: planning against live registries. */
@NullMarked
package dev.ecr4j.benchmarks.state;

import org.jspecify.annotations.NullMarked;
