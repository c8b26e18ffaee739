package dev.ecr4j.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * The state of the logical call running on this thread: its operation and the attempts sent so far.
 * The synchronous SDK client runs every attempt, retry decision and interceptor on the calling
 * thread, so a thread-local reaches all of them without shared state.
 */
final class CallContext {

  private static final ThreadLocal<@Nullable CallContext> CURRENT = new ThreadLocal<>();

  final String operation;
  int attempts;

  private CallContext(String operation) {
    this.operation = operation;
  }

  static CallContext enter(String operation) {
    CallContext context = new CallContext(operation);
    CURRENT.set(context);
    return context;
  }

  static @Nullable CallContext current() {
    return CURRENT.get();
  }

  static void exit() {
    CURRENT.remove();
  }
}
