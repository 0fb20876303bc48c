package io.metron.stellar;

import java.util.List;

/**
 * A function callable from Stellar. Implementations must be thread-safe (one instance serves every
 * expression and thread) and should treat bad arguments as data: return {@code null} for a missing
 * input, and throw {@link StellarException} (or any runtime exception, which the evaluator wraps)
 * with a clear message for a wrong one.
 */
public interface StellarFunction {

  FunctionDescriptor descriptor();

  /**
   * Calls the function. The compiler has already checked the argument count against {@link
   * FunctionDescriptor#minArgs()} and {@link FunctionDescriptor#maxArgs()}; {@code args} may
   * contain nulls and must not be modified.
   */
  Object apply(List<Object> args, StellarContext context);

  /** The body of a function, for {@link #of}. */
  @FunctionalInterface
  interface Body {
    Object apply(List<Object> args, StellarContext context);
  }

  /** A function from its descriptor and body. */
  static StellarFunction of(FunctionDescriptor descriptor, Body body) {
    return new StellarFunction() {
      @Override
      public FunctionDescriptor descriptor() {
        return descriptor;
      }

      @Override
      public Object apply(List<Object> args, StellarContext context) {
        return body.apply(args, context);
      }

      @Override
      public String toString() {
        return descriptor.signature();
      }
    };
  }

  /**
   * A placeholder for a function another module provides: compiling a call to it fails with {@link
   * FunctionDescriptor#unavailableMessage()}, and so does calling it directly.
   */
  static StellarFunction pending(FunctionDescriptor descriptor) {
    String message = descriptor.unavailableMessage();
    return of(
        descriptor,
        (args, ctx) -> {
          throw new StellarException(message);
        });
  }
}
