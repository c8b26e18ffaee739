package dev.ecr4j.core.internal;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the attempts of the current logical call, once per HTTP request sent. */
final class AttemptCounter implements ExecutionInterceptor {

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
    CallContext call = CallContext.current();
    if (call != null) {
      call.attempts++;
    }
  }
}
