package dev.ecr4j.testkit.emulator.internal;

import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * A {@link System.Logger} that looks up its backing logger when it is first used.
 *
 * <p>{@link System#getLogger} starts the JVM's logging backend, {@code java.util.logging} unless an
 * application installs another, which took about 15 ms of an emulator's cold start. An emulator
 * that has nothing to report should not pay for it.
 */
public final class LazyLogger implements System.Logger {

  private final String name;
  private volatile System.@Nullable Logger delegate;

  private LazyLogger(String name) {
    this.name = name;
  }

  /** Returns a logger named after {@code owner}. */
  public static System.Logger of(Class<?> owner) {
    return new LazyLogger(owner.getName());
  }

  private System.Logger delegate() {
    System.Logger logger = delegate;
    if (logger == null) {
      // Two threads may both look it up; System.getLogger returns equivalent loggers.
      logger = System.getLogger(name);
      delegate = logger;
    }
    return logger;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isLoggable(Level level) {
    return delegate().isLoggable(level);
  }

  @Override
  public void log(
      Level level, @Nullable ResourceBundle bundle, @Nullable String message, Throwable thrown) {
    delegate().log(level, bundle, message, thrown);
  }

  @Override
  public void log(
      Level level,
      @Nullable ResourceBundle bundle,
      @Nullable String format,
      @Nullable Object... params) {
    delegate().log(level, bundle, format, params);
  }
}
