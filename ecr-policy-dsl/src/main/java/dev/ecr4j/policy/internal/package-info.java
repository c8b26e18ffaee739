/** Implementation details shared by the policy packages. Not an API: it is not exported. */
@NullMarked
package dev.ecr4j.policy.internal;

import org.jspecify.annotations.NullMarked;
