package io.metron.stellar;

import java.util.List;

/**
 * The value of a lambda expression such as {@code (a, b) -> a + b}, as functions like MAP, FILTER
 * and REDUCE receive it. Safe to call from the thread that evaluated it; calling it evaluates its
 * body and throws only {@link StellarException}.
 */
public interface StellarLambda {

  /** Names of the parameters, in order. */
  List<String> parameters();

  /** Evaluates the body with the parameters bound to {@code args}; missing arguments are null. */
  Object apply(List<Object> args);
}
